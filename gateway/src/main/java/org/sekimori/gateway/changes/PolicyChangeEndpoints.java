package org.sekimori.gateway.changes;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.policy.PolicyVersion;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Four-eyes changes to the access policy, at {@value #CHANGES}: an administrator proposes a new
 * policy file with a reason (checked at once: every error listed, nothing stored if any); another
 * administrator reads the diff and approves it, which replaces the file atomically and puts it in
 * force, or rejects it; the proposer may withdraw it. A change proposed against a version no longer
 * in force is refused, never merged. Every step is recorded ({@code policy-change} records).
 */
final class PolicyChangeEndpoints {

    static final String CHANGES = "/api/admin/policy-changes";
    static final String EVENT = "policy-change";
    private static final Logger log = LoggerFactory.getLogger(PolicyChangeEndpoints.class);
    private static final int MAX_BODY_BYTES = 512 * 1024;
    private static final int MIN_TEXT = 10;
    private static final int MAX_TEXT = 2000;
    private static final String PROPOSAL = "Send {\"policy\": \"the whole policy file\", \"reason\": \"why\"}.";
    private static final String DECISION = "Send {\"comment\": \"what you decided and why\"}.";

    private final PolicyChangeStore store;
    private final CurrentPolicy policy;
    private final AuditTrail trail;
    private final SealedText sealing;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    PolicyChangeEndpoints(PolicyChangeStore store, CurrentPolicy policy, AuditTrail trail, SealedText sealing,
            SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.trail = trail;
        this.sealing = sealing;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp) {
        RouterFunction<ServerResponse> decisions = RouterFunctions
                .route(POST(CHANGES + "/{id}/approve"), request -> decide(request, PolicyChange.State.APPLIED))
                .andRoute(POST(CHANGES + "/{id}/reject"), request -> decide(request, PolicyChange.State.REJECTED))
                .filter(stepUp.required());
        return RouterFunctions.route(POST(CHANGES), this::propose)
                .andRoute(GET(CHANGES), request -> StoreCalls.blocking(store::list).flatMap(found -> StoreCalls.ok(
                        Map.of("policyChanges", found.stream().map(PolicyChangeEndpoints::summary).toList()))))
                .andRoute(GET(CHANGES + "/{id}"), this::one)
                .andRoute(POST(CHANGES + "/{id}/withdraw"), request -> decide(request, PolicyChange.State.WITHDRAWN))
                .and(decisions);
    }

    private Mono<ServerResponse> propose(ServerRequest request) {
        return StoreCalls.caller(request).flatMap(proposer -> body.object(request.exchange(), MAX_BODY_BYTES, PROPOSAL)
                .flatMap(form -> {
                    Optional<String> text = text(form, "policy");
                    Optional<String> reason = text(form, "reason").map(String::strip)
                            .filter(r -> length(r) >= MIN_TEXT && length(r) <= MAX_TEXT);
                    if (text.isEmpty() || reason.isEmpty() || form.size() != 2) {
                        return error(request, HttpStatus.BAD_REQUEST, "A proposal is the whole policy file as text and "
                                + "a reason of " + MIN_TEXT + " to " + MAX_TEXT + " characters, nothing else. "
                                + PROPOSAL);
                    }
                    return StoreCalls.blocking(() -> {
                        List<ConfigurationError> errors = policy.check(text.get());
                        if (!errors.isEmpty()) {
                            return (Object) errors;
                        }
                        CurrentPolicy.Written base = policy.written();
                        PolicyChange change = new PolicyChange(UUID.randomUUID().toString(), proposer, reason.get(),
                                base.version(), base.text(), PolicyVersion.of(text.get()), text.get(),
                                PolicyChange.State.PENDING, clock.instant(), Optional.empty());
                        store.create(change);
                        StoreCalls.note(request, "policyChange", change.id(), "proposed");
                        record(change, "proposed", proposer, null);
                        return change;
                    }).flatMap(made -> made instanceof PolicyChange change
                            ? ServerResponse.created(URI.create(CHANGES + "/" + change.id()))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                    .bodyValue(detail(change))
                            : invalid(request, (List<?>) made));
                }));
    }

    private Mono<ServerResponse> invalid(ServerRequest request, List<?> errors) {
        return responses.errorResponse(request.exchange(), HttpStatus.BAD_REQUEST, "The proposed policy has "
                + errors.size() + (errors.size() == 1 ? " error" : " errors") + "; nothing was stored.",
                Map.of("errors", errors.stream().map(Object::toString).toList()));
    }

    private Mono<ServerResponse> one(ServerRequest request) {
        return StoreCalls.blocking(() -> store.find(request.pathVariable("id"))).flatMap(found -> found
                .map(change -> StoreCalls.ok(detail(change)))
                .orElseGet(() -> error(request, HttpStatus.NOT_FOUND, "There is no policy change with this id.")));
    }

    private Mono<ServerResponse> decide(ServerRequest request, PolicyChange.State to) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, "policyChange", id, to.label());
        boolean withdrawing = to == PolicyChange.State.WITHDRAWN;
        Mono<Map<String, String>> form = withdrawing ? Mono.just(Map.of())
                : body.read(request.exchange(), Set.of("comment"), DECISION);
        return StoreCalls.caller(request).flatMap(actor -> form.flatMap(members -> {
            String comment = members.getOrDefault("comment", "").strip();
            if (!withdrawing && (length(comment) < MIN_TEXT || length(comment) > MAX_TEXT)) {
                return error(request, HttpStatus.BAD_REQUEST, "Say what you decided and why in " + MIN_TEXT + " to "
                        + MAX_TEXT + " characters. " + DECISION);
            }
            if (!trail.available()) {
                return error(request, HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record this change "
                        + "now; nothing was changed. Try again shortly.");
            }
            return StoreCalls.blocking(() -> {
                try {
                    return store.decide(id, to, withdrawing, actor, withdrawing ? null : comment, clock.instant(),
                            change -> to == PolicyChange.State.APPLIED
                                    ? policy.apply(change.proposedText(), change.baseVersion()) : change);
                } catch (CurrentPolicy.StalePolicyException | ConfigurationException e) {
                    return e;
                }
            }).flatMap(outcome -> answer(request, outcome, to, actor, comment));
        }));
    }

    private Mono<ServerResponse> answer(ServerRequest request, Object outcome, PolicyChange.State to, String actor,
            String comment) {
        if (outcome instanceof PolicyChangeStore.Done done) {
            return StoreCalls.blocking(() -> {
                record(done.change(), to == PolicyChange.State.APPLIED ? "applied" : to.label(), actor, comment);
                return done.change();
            }).flatMap(change -> StoreCalls.ok(detail(change)));
        }
        if (outcome instanceof CurrentPolicy.StalePolicyException stale) {
            return error(request, HttpStatus.CONFLICT, "The policy changed since this was proposed ("
                    + stale.getMessage()
                    + "); nothing was applied. Propose the change again against the policy in force.");
        }
        if (outcome instanceof ConfigurationException invalid) {
            return invalid(request, invalid.errors());
        }
        Optional<PolicyChange> now = ((PolicyChangeStore.Refused) outcome).now();
        if (now.isEmpty()) {
            return error(request, HttpStatus.NOT_FOUND, "There is no policy change with this id.");
        }
        PolicyChange change = now.get();
        if (change.state() == PolicyChange.State.PENDING) {
            return error(request, HttpStatus.FORBIDDEN, to == PolicyChange.State.WITHDRAWN
                    ? "Only its proposer may withdraw a proposal." : "You proposed this change: another administrator "
                            + "must decide it.");
        }
        return error(request, HttpStatus.CONFLICT, "This change is " + change.state().label() + change.decided()
                .map(d -> " (by " + d.by() + " at " + d.at() + ")").orElse("") + ", no longer pending.");
    }

    /**
     * Writes the change's record and waits until it is durable. The change is committed already: if
     * the trail fails now, the database keeps the whole change and the failure is logged.
     */
    private void record(PolicyChange change, String kind, String actor, String comment) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", EVENT);
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", kind);
        record.put("handler", actor);
        record.put("changeId", change.id());
        record.put("proposer", change.proposer());
        record.put("baseVersion", change.baseVersion());
        record.put("proposedVersion", change.proposedVersion());
        LineDiff.Result diff = LineDiff.of(change.baseText(), change.proposedText(), "policy");
        record.put("linesRemoved", diff.removed());
        record.put("linesAdded", diff.added());
        if (kind.equals("proposed")) {
            record.put("reason", sealing.seal(change.reason()));
        }
        if (comment != null && !comment.isEmpty()) {
            record.put("comment", sealing.seal(comment));
        }
        try {
            trail.record(record, List.of()).block();
        } catch (RuntimeException e) {
            log.error("The {} policy change {} is stored but its audit record could not be written: {}", kind,
                    change.id(), e.getMessage());
        }
    }

    private static Map<String, Object> summary(PolicyChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", change.id());
        json.put("state", change.state().label());
        json.put("proposer", change.proposer());
        json.put("proposedAt", change.proposedAt().toString());
        json.put("reason", change.reason());
        json.put("baseVersion", change.baseVersion());
        json.put("proposedVersion", change.proposedVersion());
        change.decided().ifPresent(d -> {
            Map<String, Object> decided = new LinkedHashMap<>();
            decided.put("by", d.by());
            decided.put("at", d.at().toString());
            if (d.comment() != null) {
                decided.put("comment", d.comment());
            }
            json.put("decision", decided);
        });
        return json;
    }

    private static Map<String, Object> detail(PolicyChange change) {
        Map<String, Object> json = summary(change);
        LineDiff.Result diff = LineDiff.of(change.baseText(), change.proposedText(), "policy.yaml");
        json.put("linesRemoved", diff.removed());
        json.put("linesAdded", diff.added());
        json.put("diff", diff.unified());
        json.put("before", change.baseText());
        json.put("after", change.proposedText());
        return json;
    }

    private static Optional<String> text(JsonNode form, String name) {
        JsonNode node = form.get(name);
        return node != null && node.isString() && !node.asString().isBlank() ? Optional.of(node.asString())
                : Optional.empty();
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
