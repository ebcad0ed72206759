package org.sekimori.gateway.elevation;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Just-in-time elevation of administrators (R12), at {@value #ELEVATIONS}: an administrator asks
 * for some hours with a reason; another approves or rejects it (after a recent second factor);
 * it ends by itself, or earlier when ended. Asking and deciding need no elevation (else the first
 * could never be approved). Each step is an {@code elevation} record.
 */
final class ElevationEndpoints {

    static final String ELEVATIONS = "/api/admin/elevations";
    private static final String ASK = "Send {\"reason\": \"what you will change and why\", \"hours\": 2}.";
    private static final java.util.Set<String> ASKED = java.util.Set.of("reason", "hours");
    private static final String DECIDE = "Send {\"comment\": \"why\"}.";

    private final Elevations elevations;
    private final ElevationProperties properties;
    private final AuditTrail trail;
    private final SealedText sealing;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    ElevationEndpoints(Elevations elevations, ElevationProperties properties, AuditTrail trail, SealedText sealing,
            SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.elevations = elevations;
        this.properties = properties;
        this.trail = trail;
        this.sealing = sealing;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp) {
        RouterFunction<ServerResponse> decisions = RouterFunctions
                .route(POST(ELEVATIONS + "/{id}/approve"), request -> decide(request, true))
                .andRoute(POST(ELEVATIONS + "/{id}/reject"), request -> decide(request, false))
                .filter(stepUp.required());
        RouterFunction<ServerResponse> changes = RouterFunctions.route(POST(ELEVATIONS), this::ask)
                .andRoute(POST(ELEVATIONS + "/{id}/end"), this::end)
                .and(decisions)
                .filter((request, next) -> trail.available() ? next.handle(request) : error(request,
                        HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record this now; nothing was "
                                + "changed. Try again shortly."));
        return RouterFunctions.route(GET(ELEVATIONS), request -> StoreCalls.blocking(elevations::list)
                .flatMap(found -> StoreCalls.ok(Map.of("elevations", found.stream().map(Elevations.Elevation::json)
                        .toList())))).and(changes);
    }

    private Mono<ServerResponse> ask(ServerRequest request) {
        return StoreCalls.caller(request).flatMap(administrator -> body.object(request.exchange(), 4096, ASK)
                .flatMap(form -> {
                    String reason = form.path("reason").asString("").strip();
                    // A number, or the same as text.
                    Optional<Integer> hours = ASKED.containsAll(form.propertyNames())
                            ? hours(form.path("hours").asString("")) : Optional.empty();
                    int length = reason.codePointCount(0, reason.length());
                    if (hours.isEmpty() || length < 10 || length > 2000) {
                        return error(request, HttpStatus.BAD_REQUEST, "An elevation is a reason of 10 to 2000 "
                                + "characters and from 1 to " + properties.maxHours() + " hours, as text. " + ASK);
                    }
                    Elevations.Elevation asked = new Elevations.Elevation(UUID.randomUUID().toString(), administrator,
                            reason, hours.get(), "pending", clock.instant(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty());
                    StoreCalls.note(request, "elevation", asked.id(), "asked");
                    return StoreCalls.blocking(() -> {
                        elevations.ask(asked);
                        return asked;
                    }).flatMap(stored -> record(stored, "asked", administrator, Optional.of(reason)).then(
                            ServerResponse.created(URI.create(ELEVATIONS + "/" + stored.id()))
                                    .contentType(MediaType.APPLICATION_JSON).bodyValue(stored.json())));
                }));
    }

    private Mono<ServerResponse> decide(ServerRequest request, boolean approve) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, "elevation", id, approve ? "approved" : "rejected");
        return StoreCalls.caller(request).flatMap(decider -> body.read(request.exchange(), Set.of("comment"), DECIDE)
                .flatMap(form -> {
                    String comment = form.getOrDefault("comment", "").strip();
                    if (comment.codePointCount(0, comment.length()) < 10) {
                        return error(request, HttpStatus.BAD_REQUEST, "Say why in at least 10 characters. " + DECIDE);
                    }
                    Instant now = clock.instant();
                    return StoreCalls.blocking(() -> elevations.decide(id, approve, decider, comment, now)
                            ? elevations.find(id) : Optional.<Elevations.Elevation>empty())
                            .flatMap(decided -> decided.isPresent()
                                    ? record(decided.get(), approve ? "approved" : "rejected", decider,
                                            Optional.of(comment)).then(StoreCalls.ok(decided.get().json()))
                                    : refused(request, id, decider));
                }));
    }

    private Mono<ServerResponse> refused(ServerRequest request, String id, String decider) {
        return StoreCalls.blocking(() -> elevations.find(id)).flatMap(found -> found.isEmpty()
                ? error(request, HttpStatus.NOT_FOUND, "There is no elevation with this id.")
                : found.get().administrator().equals(decider)
                        ? error(request, HttpStatus.FORBIDDEN, "You asked for this elevation: another administrator "
                                + "must decide it.")
                        : error(request, HttpStatus.CONFLICT, "This elevation is " + found.get().state()
                                + (found.get().state().equals("pending") ? ", but was asked for more than "
                                        + Elevations.PENDING_FOR.toMinutes() + " minutes ago: ask again." : ", no "
                                        + "longer pending.")));
    }

    private Mono<ServerResponse> end(ServerRequest request) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, "elevation", id, "ended");
        return StoreCalls.caller(request).flatMap(administrator -> StoreCalls.blocking(() ->
                elevations.end(id, clock.instant()) ? elevations.find(id) : Optional.<Elevations.Elevation>empty())
                .flatMap(ended -> ended.isPresent()
                        ? record(ended.get(), "ended", administrator, Optional.empty())
                                .then(StoreCalls.ok(ended.get().json()))
                        : error(request, HttpStatus.CONFLICT, "This elevation is not running.")));
    }

    private Mono<Void> record(Elevations.Elevation elevation, String kind, String actor, Optional<String> text) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "elevation");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", kind);
        record.put("handler", actor);
        record.put("elevationId", elevation.id());
        record.put("administrator", elevation.administrator());
        record.put("hours", elevation.hours());
        elevation.endsAt().ifPresent(at -> record.put("endsAt", at.toString()));
        text.ifPresent(written -> record.put(kind.equals("asked") ? "reason" : "comment", sealing.seal(written)));
        return trail.record(record, List.of());
    }

    private Optional<Integer> hours(String text) {
        try {
            int hours = Integer.parseInt(text);
            return hours >= 1 && hours <= properties.maxHours() ? Optional.of(hours) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
