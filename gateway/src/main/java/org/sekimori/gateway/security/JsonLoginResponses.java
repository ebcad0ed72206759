package org.sekimori.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sekimori.gateway.route.DataSystemPaths;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a script sees after logging in: who it is, which data systems exist and where, and the
 * CSRF token it must send (header {@code X-CSRF-TOKEN}) with every state-changing request on the
 * session. A failed login looks the same whatever the reason.
 */
@Component
public class JsonLoginResponses implements ServerAuthenticationSuccessHandler, ServerAuthenticationFailureHandler {

    private final Ledger ledger;
    private final JsonResponses responses;

    public JsonLoginResponses(Ledger ledger, JsonResponses responses) {
        this.ledger = ledger;
        this.responses = responses;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
        HandlerAttributeFilter.note(webFilterExchange.getExchange(), authentication);
        return session(webFilterExchange.getExchange(), (AuthenticatedHandler) authentication.getPrincipal());
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange,
            org.springframework.security.core.AuthenticationException exception) {
        return responses.error(webFilterExchange.getExchange(), HttpStatus.UNAUTHORIZED, HandlerAuthenticationManager.FAILURE);
    }

    private Mono<Void> session(ServerWebExchange exchange, AuthenticatedHandler handler) {
        return sessionBody(exchange, handler).flatMap(body -> responses.json(exchange, HttpStatus.OK, body));
    }

    /** The current session as JSON; also the answer to {@code GET /api/session}. */
    public Mono<Map<String, Object>> sessionBody(ServerWebExchange exchange, AuthenticatedHandler handler) {
        return CsrfTokens.of(exchange).map(csrf -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", handler.userId());
            body.put("displayName", handler.displayName());
            body.put("roles", handler.roles());
            body.put("dataSystems", ledger.dataSystems().stream().map(JsonLoginResponses::describe).toList());
            body.put("csrfToken", csrf);
            return body;
        });
    }

    private static Map<String, Object> describe(DataSystem dataSystem) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", dataSystem.id());
        described.put("name", dataSystem.name());
        described.put("path", DataSystemPaths.prefix(dataSystem.id()));
        return described;
    }
}
