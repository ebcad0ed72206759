package org.sekimori.gateway.security;

import java.util.List;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request without a login: a browser (asking for HTML) is sent to the login page; anything else
 * gets a 401 JSON error saying how to log in.
 */
@Component
public class JsonOrLoginPageEntryPoint implements ServerAuthenticationEntryPoint {

    static final String HOW_TO_LOG_IN = "Log in first: POST /api/session with {\"userId\": \"...\", "
            + "\"password\": \"...\"} as application/json and send the session cookie back, or open /login in a browser.";

    private final JsonResponses responses;
    private final ServerAuthenticationEntryPoint loginPage = new RedirectServerAuthenticationEntryPoint("/login");

    public JsonOrLoginPageEntryPoint(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException reason) {
        if (isBrowserPage(exchange)) {
            return loginPage.commence(exchange, reason);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Session realm=\"sekimori\"");
        return responses.error(exchange, HttpStatus.UNAUTHORIZED, HOW_TO_LOG_IN);
    }

    private static boolean isBrowserPage(ServerWebExchange exchange) {
        List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
        return accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }
}
