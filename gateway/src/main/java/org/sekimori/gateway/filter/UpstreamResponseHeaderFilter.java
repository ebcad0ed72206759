package org.sekimori.gateway.filter;

import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client receives of a data system's response headers: only those that frame the body.
 * Any other header could carry what masking removes from the body (a {@code Last-Modified} more
 * exact than the month shown, an id in a file name or a {@code Location}), set cookies under the
 * gateway's name, or speak for the gateway ({@code Sekimori-*}). Responses are served from the
 * gateway's origin, so they are sandboxed (no script in them can run with the handler's session)
 * and never cached.
 */
@Component
public class UpstreamResponseHeaderFilter implements HttpHeadersFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

    private static final Set<String> KEPT = Set.of("content-type", "content-length", "content-encoding",
            "transfer-encoding", "date", "retry-after");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders filtered = new HttpHeaders();
        for (String name : input.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT.contains(lower)) {
                filtered.addAll(name, input.get(name));
            }
        }
        filtered.setCacheControl("no-store");
        filtered.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
