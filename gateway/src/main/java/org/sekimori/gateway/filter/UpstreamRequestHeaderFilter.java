package org.sekimori.gateway.filter;

import java.util.Locale;
import java.util.Set;
import org.sekimori.gateway.tls.HandlerAssertion;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a data system receives of a request's headers: an allow-list of content negotiation,
 * conditional requests and the body's framing, plus the gateway's correlation id. Everything else
 * a client sent is dropped (deny by default): identity claims in any spelling ({@code X_User_Id}
 * reads as {@code X-User-Id} to a CGI upstream), the handler's session cookie,
 * {@code Authorization}, the CSRF token. In their place the gateway's signed assertion of the
 * handler ({@link HandlerAssertion}). Runs after Spring Cloud Gateway's hop-by-hop filter, so a
 * client's {@code Connection: Sekimori-Correlation-Id} cannot remove the correlation id.
 */
@Component
public class UpstreamRequestHeaderFilter implements HttpHeadersFilter, Ordered {

    private final HandlerAssertion assertion;

    public UpstreamRequestHeaderFilter(HandlerAssertion assertion) {
        this.assertion = assertion;
    }

    // No Accept-Encoding, Range or If-Range: responses are masked whole, so they must come whole and
    // plain. No If-* conditions: a 304 or 412 would answer a guess about the unmasked record.
    private static final Set<String> FORWARDED = Set.of("accept", "accept-language", "content-type",
            "content-length", "content-encoding", "content-language", "user-agent", "cache-control", "pragma");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders filtered = new HttpHeaders();
        for (String name : input.headerNames()) {
            if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                filtered.addAll(name, input.get(name));
            }
        }
        filtered.set(HttpHeaders.ACCEPT_ENCODING, "identity");
        filtered.set(CorrelationIdFilter.HEADER, ExchangeAttributes.correlationId(exchange));
        assertion.of(exchange).ifPresent(signed -> filtered.set(HandlerAssertion.HEADER, signed));
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
