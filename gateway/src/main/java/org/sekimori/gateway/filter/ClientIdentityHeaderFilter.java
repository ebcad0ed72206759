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
 * Removes every header by which a client could claim an identity, a client address or a gateway
 * decision: only the gateway says who the handler is. Header names are compared without regard to
 * case, since HTTP does not distinguish them.
 */
@Component
public class ClientIdentityHeaderFilter implements WebFilter, Ordered {

    private static final List<String> EXACT = List.of("forwarded", "x-real-ip", "x-remote-user", "x-remote-addr",
            "remote-user", "x-client-ip", "client-ip", "true-client-ip", "x-original-url", "x-rewrite-url");
    private static final List<String> PREFIXES = List.of("x-forwarded-", "x-user-", "x-auth-", "x-sekimori-",
            "sekimori-", "x-amzn-oidc-", "x-ms-client-principal");

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
        String lower = name.toLowerCase(Locale.ROOT);
        return EXACT.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
    }

    @Override
    public int getOrder() {
        return FilterOrder.CLIENT_IDENTITY_HEADERS;
    }
}
