package org.sekimori.gateway.security;

import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the authenticated handler on the exchange's attributes, where the audit record (made as the
 * response commits, outside Spring Security's view of the request) finds who made it.
 */
@Component
public class HandlerAttributeFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .doOnNext(principal -> note(exchange, principal))
                .then(chain.filter(exchange));
    }

    /** Notes the handler (or the pending login) of {@code principal} on the exchange. */
    public static void note(ServerWebExchange exchange, Object principal) {
        Object handler = principal instanceof Authentication authentication ? authentication.getPrincipal() : principal;
        if (handler instanceof AuthenticatedHandler authenticated) {
            exchange.getAttributes().put(ExchangeAttributes.HANDLER, authenticated);
            exchange.getAttributes().remove(ExchangeAttributes.PENDING_LOGIN);
        } else if (handler instanceof PendingLogin pending) {
            exchange.getAttributes().put(ExchangeAttributes.PENDING_LOGIN, pending);
        }
    }

    @Override
    public int getOrder() {
        return FilterOrder.HANDLER_ATTRIBUTE;
    }
}
