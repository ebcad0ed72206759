package org.sekimori.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Step-up before privileged actions (exporting the trail, opening a sealed justification): the
 * session must have passed a second factor within {@code step-up-max-age}, at its login or since
 * with {@code POST /api/session/step-up}. Measured in real time, like the TOTP codes themselves.
 * A bearer token qualifies when it shows a second factor: such tokens live minutes.
 */
public final class StepUp {

    /** The refusal's reason in the access record. */
    public static final String REQUIRED = "step-up-required";
    /** The session attribute holding when the handler last passed a second factor. */
    public static final String CONFIRMED_AT = StepUp.class.getName() + ".confirmedAt";

    private final Duration maxAge;
    private final JsonResponses responses;
    private final Clock clock = Clock.systemUTC();

    public StepUp(Duration maxAge, JsonResponses responses) {
        this.maxAge = maxAge;
        this.responses = responses;
    }

    /** The session's handler has just passed a second factor. */
    public Mono<Void> confirmed(ServerWebExchange exchange) {
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(CONFIRMED_AT, clock.instant()))
                .then();
    }

    /** Lets a request through only with a recent second factor; otherwise 403 saying how to give one. */
    public HandlerFilterFunction<ServerResponse, ServerResponse> required() {
        return (request, next) -> request.exchange().getPrincipal().cast(Authentication.class)
                .map(Authentication::getPrincipal).cast(AuthenticatedHandler.class)
                .flatMap(handler -> handler.method() == AuthenticationMethod.BEARER
                        ? Mono.just(handler.mfa()) : recent(request.exchange()))
                .defaultIfEmpty(false)
                .flatMap(recent -> recent ? next.handle(request) : refuse(request.exchange()));
    }

    private Mono<Boolean> recent(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> {
            Instant confirmedAt = session.getAttribute(CONFIRMED_AT);
            return confirmedAt != null && confirmedAt.plus(maxAge).isAfter(clock.instant());
        });
    }

    private Mono<ServerResponse> refuse(ServerWebExchange exchange) {
        exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, REQUIRED);
        return responses.errorResponse(exchange, HttpStatus.FORBIDDEN, "This needs a second factor given within the "
                + "last " + maxAge.toMinutes() + " minutes: POST /api/session/step-up with {\"code\": \"123456\"} "
                + "from your authenticator app, then try again.");
    }
}
