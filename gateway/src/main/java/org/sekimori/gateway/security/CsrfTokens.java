package org.sekimori.gateway.security;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The CSRF token of the exchange's session, as a page or a script must send it back. */
public final class CsrfTokens {

    private CsrfTokens() {
    }

    public static Mono<String> of(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.map(CsrfToken::getToken).defaultIfEmpty("");
    }
}
