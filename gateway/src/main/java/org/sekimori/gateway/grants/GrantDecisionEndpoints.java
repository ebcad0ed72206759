package org.sekimori.gateway.grants;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.changes.AdministrationRoles;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.history.PastMoment;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.HandlerStatus;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The administrators' side of grant requests, at {@value #REQUESTS}: list and read them with their
 * history, approve or reject a pending one, revoke an approved one, each with a comment and after a
 * recent second factor; and the grants from requests that were in force at a past moment. Nobody
 * decides their own request; of two decisions at once, one holds and the other is told which.
 */
final class GrantDecisionEndpoints {

    static final String REQUESTS = "/api/admin/grant-requests";
    static final String IN_FORCE = REQUESTS + "/in-force";
    private static final String COMMENT_SHAPE = "Send {\"comment\": \"what you decided and why\"}.";
    private static final int MIN_COMMENT = 10;
    private static final int MAX_COMMENT = 2000;

    private final GrantRequestStore store;
    private final GrantRequestSync sync;
    private final AuditTrail trail;
    private final CurrentPolicy policy;
    private final Directory directory;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    GrantDecisionEndpoints(GrantRequestStore store, GrantRequestSync sync, AuditTrail trail, CurrentPolicy policy,
            Directory directory, SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.sync = sync;
        this.trail = trail;
        this.policy = policy;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp, ElevationCheck elevation) {
        RouterFunction<ServerResponse> changes = RouterFunctions
                .route(POST(REQUESTS + "/{id}/approve"), request -> move(request, GrantRequestState.PENDING,
                        GrantRequestState.APPROVED))
                .andRoute(POST(REQUESTS + "/{id}/reject"), request -> move(request, GrantRequestState.PENDING,
                        GrantRequestState.REJECTED))
                .andRoute(POST(REQUESTS + "/{id}/revoke"), request -> move(request, GrantRequestState.APPROVED,
                        GrantRequestState.REVOKED))
                .filter(stepUp.required()).filter(elevation.required());
        return RouterFunctions.route(GET(IN_FORCE), this::inForce)
                .andRoute(GET(REQUESTS), this::list)
                .andRoute(GET(REQUESTS + "/{id}"), this::one)
                .and(changes);
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        Optional<String> state = request.queryParam("state");
        if (state.isPresent() && !states().contains(state.get())) {
            return error(request, HttpStatus.BAD_REQUEST, "state must be one of " + String.join(", ", states()) + ".");
        }
        return StoreCalls.blocking(() -> store.list(request.queryParam("requester"),
                state.map(GrantRequestState::of))).flatMap(found -> StoreCalls.ok(GrantRequestJson.list(found)));
    }

    private Mono<ServerResponse> one(ServerRequest request) {
        String id = request.pathVariable("id");
        return StoreCalls.blocking(() -> store.find(id).map(found -> {
            try {
                return GrantRequestJson.withHistory(found, store.history(id));
            } catch (java.sql.SQLException e) {
                throw new DirectoryStoreException(e);
            }
        })).flatMap(found -> found.map(StoreCalls::ok).orElseGet(() -> error(request, HttpStatus.NOT_FOUND,
                "There is no grant request with this id.")));
    }

    private Mono<ServerResponse> move(ServerRequest request, GrantRequestState from, GrantRequestState to) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, "grantRequest", id, to.label());
        return StoreCalls.caller(request).flatMap(actor -> body.read(request.exchange(), Set.of("comment"),
                COMMENT_SHAPE).flatMap(form -> {
                    String comment = form.getOrDefault("comment", "").strip();
                    int length = comment.codePointCount(0, comment.length());
                    if (length < MIN_COMMENT || length > MAX_COMMENT) {
                        return error(request, HttpStatus.BAD_REQUEST, "Say what you decided and why in "
                                + MIN_COMMENT + " to " + MAX_COMMENT + " characters; the comment has " + length
                                + ". " + COMMENT_SHAPE);
                    }
                    if (!trail.available()) {
                        // Nothing changes that the trail could not record.
                        return error(request, HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record this "
                                + "change now; nothing was changed. Try again shortly.");
                    }
                    return StoreCalls.blocking(() -> moveStored(id, from, to, actor, comment))
                            .flatMap(outcome -> answer(request, outcome, from, to, actor));
                }));
    }

    private Outcome moveStored(String id, GrantRequestState from, GrantRequestState to, String actor, String comment)
            throws java.sql.SQLException {
        Optional<GrantRequest> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome(Optional.empty(), Optional.empty());
        }
        boolean deciding = to == GrantRequestState.APPROVED || to == GrantRequestState.REJECTED;
        if (deciding && found.get().requester().equals(actor)) {
            return new Outcome(found, Optional.empty());
        }
        Instant now = clock.instant();
        if (to == GrantRequestState.APPROVED && !found.get().endsAt().isAfter(now)) {
            return new Outcome(found, Optional.empty());
        }
        if (to == GrantRequestState.APPROVED && !mayStillHold(found.get().requester(), now)) {
            return new Outcome(found, Optional.empty(), Optional.of("The requester is no longer an active handler "
                    + "who may hold access (disabled, past their access end, or now an administrator or auditor); "
                    + "reject the request."));
        }
        GrantRequestStore.Moved moved = store.move(id, from, to, deciding ? GrantRequestStore.Mover.NOT_REQUESTER
                : GrantRequestStore.Mover.ANYONE, actor, comment, now);
        if (moved instanceof GrantRequestStore.Done done) {
            sync.changed();
            return new Outcome(Optional.of(done.request()), Optional.of(done.request()));
        }
        return new Outcome(((GrantRequestStore.Refused) moved).now(), Optional.empty());
    }

    /**
     * The request as found (empty if unknown) and, when the move was made, the request after it;
     * or why it may not be made now.
     */
    private record Outcome(Optional<GrantRequest> found, Optional<GrantRequest> moved, Optional<String> refusal) {

        Outcome(Optional<GrantRequest> found, Optional<GrantRequest> moved) {
            this(found, moved, Optional.empty());
        }
    }

    /** Whether the requester may still be given access: active, within their access, no administration role. */
    private boolean mayStillHold(String requester, Instant now) {
        return directory.handler(requester).map(handler -> handler.status() == HandlerStatus.ACTIVE
                && !handler.expiredOn(LocalDate.ofInstant(now, policy.zone()))
                && !AdministrationRoles.heldAmong(handler.roles())).orElse(true);
    }

    private Mono<ServerResponse> answer(ServerRequest request, Outcome outcome, GrantRequestState from,
            GrantRequestState to, String actor) {
        if (outcome.refusal().isPresent()) {
            return error(request, HttpStatus.CONFLICT, outcome.refusal().get());
        }
        if (outcome.moved().isPresent()) {
            return StoreCalls.ok(GrantRequestJson.of(outcome.moved().get()));
        }
        if (outcome.found().isEmpty()) {
            return error(request, HttpStatus.NOT_FOUND, "There is no grant request with this id.");
        }
        GrantRequest now = outcome.found().get();
        if (now.state() == from && now.requester().equals(actor)) {
            return error(request, HttpStatus.FORBIDDEN, "You made this request: another administrator must decide it.");
        }
        if (now.state() == from) {
            return error(request, HttpStatus.CONFLICT, "Its last day (" + now.terms().lastDay() + ") has passed: "
                    + "there is nothing left to approve; reject it, and ask the requester for a new one.");
        }
        String decided = now.decided().map(d -> " by " + d.by() + " at " + d.at()).orElse("");
        String ended = now.ended().map(e -> ", then " + now.state().label() + " by " + e.by() + " at " + e.at())
                .orElse("");
        return error(request, HttpStatus.CONFLICT, "This request is " + now.state().label() + ", not "
                + from.label() + ", so it cannot be " + to.label() + (now.decided().isPresent() ? " (decided"
                        + decided + ended + ")." : "."));
    }

    /** The grants from requests in force at {@code at}, optionally only those on a data system, item or action. */
    private Mono<ServerResponse> inForce(ServerRequest request) {
        Optional<Instant> at = request.queryParam("at").flatMap(text -> PastMoment.parse(text, policy.zone()));
        if (at.isEmpty()) {
            return error(request, HttpStatus.BAD_REQUEST, "Give the moment as at=2026-04-01T12:00:00+09:00 (or a date, "
                    + "2026-04-01, meaning noon of that day in the policy's zone).");
        }
        Optional<String> system = request.queryParam("dataSystem");
        Optional<String> item = request.queryParam("item");
        Optional<String> action = request.queryParam("action");
        return StoreCalls.blocking(() -> store.inForceAt(at.get())).map(found -> found.stream()
                .filter(r -> system.map(r.terms().dataSystem()::equals).orElse(true))
                .filter(r -> item.map(i -> shows(r, i)).orElse(true))
                .filter(r -> action.map(r.terms().actions()::contains).orElse(true)).toList())
                .flatMap(found -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("at", at.get().toString());
                    json.putAll(GrantRequestJson.list(found));
                    return StoreCalls.ok(json);
                });
    }

    private static boolean shows(GrantRequest request, String item) {
        String treatment = request.terms().items().get(item);
        return treatment != null && !treatment.equals("remove");
    }

    private static List<String> states() {
        return java.util.Arrays.stream(GrantRequestState.values()).map(GrantRequestState::label).toList();
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
