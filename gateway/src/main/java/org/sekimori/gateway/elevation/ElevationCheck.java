package org.sekimori.gateway.elevation;

import java.time.Clock;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Lets an administrator's change through only while they are elevated (when elevation is
 * required); otherwise 403, saying how to ask. The refusal's record names {@value #REQUIRED}.
 */
public final class ElevationCheck {

    public static final String REQUIRED = "elevation-required";

    private final Elevations elevations;
    private final ElevationProperties properties;
    private final JsonResponses responses;
    private final Clock clock;

    ElevationCheck(Elevations elevations, ElevationProperties properties, JsonResponses responses, Clock clock) {
        this.elevations = elevations;
        this.properties = properties;
        this.responses = responses;
        this.clock = clock;
    }

    public HandlerFilterFunction<ServerResponse, ServerResponse> required() {
        return (request, next) -> !properties.required() ? next.handle(request)
                : StoreCalls.caller(request).flatMap(administrator -> StoreCalls.blocking(() ->
                        elevations.elevated(administrator, clock.instant()))).flatMap(elevated -> {
                            if (elevated) {
                                return next.handle(request);
                            }
                            request.exchange().getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, REQUIRED);
                            return responses.errorResponse(request.exchange(), HttpStatus.FORBIDDEN, "Administrators "
                                    + "change this only while elevated: ask with POST " + ElevationEndpoints.ELEVATIONS
                                    + " {\"reason\": ..., \"hours\": ...} and have another administrator approve it.",
                                    java.util.Map.of("reason", REQUIRED));
                        });
    }
}
