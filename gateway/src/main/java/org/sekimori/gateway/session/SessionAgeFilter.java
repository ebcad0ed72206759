package org.sekimori.gateway.session;

import org.sekimori.gateway.filter.FilterOrder;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Ends a session past its absolute timeout when it next makes a request, before Spring Security
 * reads the login from it: the request then goes on as one without a login (a 401, or the login
 * page for a browser).
 */
public final class SessionAgeFilter implements WebFilter, Ordered {

    private final HandlerSessions sessions;

    public SessionAgeFilter(HandlerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getSession()
                .flatMap(session -> session.isStarted() ? sessions.endIfTooOld(exchange, session) : Mono.empty())
                .then(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.SESSION_AGE;
    }
}
