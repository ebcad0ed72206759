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
    private final LoginFailureNotes failures;

    public JsonLoginResponses(Ledger ledger, JsonResponses responses, LoginFailureNotes failures) {
        this.ledger = ledger;
        this.responses = responses;
        this.failures = failures;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        HandlerAttributeFilter.note(exchange, authentication);
        return answer(exchange, authentication.getPrincipal());
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange,
            org.springframework.security.core.AuthenticationException exception) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        return failures.note(exchange, exception)
                .then(responses.error(exchange, HttpStatus.UNAUTHORIZED, HandlerAuthenticationManager.FAILURE));
    }

    /**
     * The answer to a login step: 200 with the session when the login is complete, 202 with the
     * next step when one is still owed.
     */
    public Mono<Void> answer(ServerWebExchange exchange, Object principal) {
        HttpStatus status = principal instanceof PendingLogin ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return sessionBody(exchange, principal).flatMap(body -> responses.json(exchange, status, body));
    }

    /** The current session as JSON; also the answer to {@code GET /api/session}. */
    public Mono<Map<String, Object>> sessionBody(ServerWebExchange exchange, Object principal) {
        // A bearer request has no session to hold a CSRF token, and needs none.
        boolean bearer = principal instanceof AuthenticatedHandler handler
                && handler.method() == AuthenticationMethod.BEARER;
        return (bearer ? Mono.just("") : CsrfTokens.of(exchange)).map(csrf -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (principal instanceof PendingLogin pending) {
                body.put("userId", pending.handler().userId());
                body.put("next", pending.next().code());
                body.put("how", LoginStepHints.of(pending.next()));
            } else {
                AuthenticatedHandler handler = (AuthenticatedHandler) principal;
                body.put("userId", handler.userId());
                body.put("displayName", handler.displayName());
                body.put("roles", handler.roles());
                body.put("mfa", handler.mfa());
                body.put("authentication", handler.method().label());
                body.put("dataSystems", ledger.dataSystems().stream().map(JsonLoginResponses::describe).toList());
            }
            if (!bearer) {
                body.put("csrfToken", csrf);
            }
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
