package org.sekimori.gateway.filter;

import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every header by which a client could claim an identity, a client address, a client
 * certificate or a gateway decision, before the gateway itself looks at the request: only the
 * gateway says who the handler is. Names are compared without regard to case, and with '_' read as
 * '-'. (What reaches a data system is further limited to an allow-list by
 * {@link UpstreamRequestHeaderFilter}.)
 */
@Component
public class ClientIdentityHeaderFilter implements WebFilter, Ordered {

    private static final List<String> EXACT = List.of("forwarded", "x-forwarded", "via", "x-real-ip",
            "x-remote-user", "x-remote-addr", "remote-user", "x-client-ip", "client-ip", "true-client-ip",
            "x-original-url", "x-rewrite-url", "x-client-cert", "x-ssl-cert", "ssl-client-cert");
    private static final List<String> PREFIXES = List.of("x-forwarded-", "x-user-", "x-auth-", "x-sekimori-",
            "sekimori-", "x-amzn-oidc-", "x-ms-client-principal", "x-ssl-client-", "x-client-cert-");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> forged = headers.headerNames().stream()
                .filter(name -> !name.equalsIgnoreCase(CorrelationIdFilter.HEADER))
                .filter(ClientIdentityHeaderFilter::isIdentityHeader)
                .toList();
        if (forged.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> forged.forEach(h::remove))).build());
    }

    static boolean isIdentityHeader(String name) {
        // CGI-style upstreams read '_' and '-' alike, so X_User_Id is X-User-Id to them.
        String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return EXACT.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
    }

    @Override
    public int getOrder() {
        return FilterOrder.CLIENT_IDENTITY_HEADERS;
    }
}
