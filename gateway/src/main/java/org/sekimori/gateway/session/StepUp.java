package org.sekimori.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sekimori.gateway.external.BearerTokenFilter;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.BearerDetails;
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
 * A bearer token qualifies when it shows a second factor given as recently ({@code amr} and
 * {@code auth_time}); whether a request is a token's is read from the request, not from what a
 * session holds.
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
        return (request, next) -> {
            ServerWebExchange exchange = request.exchange();
            boolean bearer = BearerTokenFilter.carriesBearer(exchange);
            return exchange.getPrincipal().cast(Authentication.class)
                    .flatMap(login -> bearer ? Mono.just(recentToken(login)) : recentSession(exchange))
                    .defaultIfEmpty(false)
                    .flatMap(recent -> recent ? next.handle(request) : refuse(exchange, bearer));
        };
    }

    private boolean recentToken(Authentication login) {
        return login.getPrincipal() instanceof AuthenticatedHandler handler && handler.mfa()
                && login.getDetails() instanceof BearerDetails details
                && details.authenticatedAt().filter(this::recent).isPresent();
    }

    private Mono<Boolean> recentSession(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> {
            Instant confirmedAt = session.getAttribute(CONFIRMED_AT);
            return confirmedAt != null && recent(confirmedAt);
        });
    }

    private boolean recent(Instant secondFactorAt) {
        return secondFactorAt.plus(maxAge).isAfter(clock.instant());
    }

    private Mono<ServerResponse> refuse(ServerWebExchange exchange, boolean bearer) {
        exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, REQUIRED);
        String within = "a second factor given within the last " + maxAge.toMinutes() + " minutes";
        return responses.errorResponse(exchange, HttpStatus.FORBIDDEN, bearer
                ? "This needs a token from a login with " + within + " (amr and auth_time): give one, then get a "
                        + "new token."
                : "This needs " + within + ": POST /api/session/step-up with {\"code\": \"123456\"} from your "
                        + "authenticator app, then try again.");
    }
}
