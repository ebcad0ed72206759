package org.sekimori.gateway.changes;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.policy.PolicyVersion;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Four-eyes changes to a configuration file (the access policy at {@value #POLICY_CHANGES}, the
 * directory of handlers at {@value #DIRECTORY_CHANGES}, the use stops and consents at
 * {@code /api/admin/subjects-changes}): an administrator proposes the whole new
 * file with a reason (checked at once: every error listed, nothing stored if any); another
 * administrator reads the diff and approves it, which replaces the file atomically and puts it in
 * force, or rejects it; the proposer may withdraw it. A change proposed against a version no longer
 * in force is refused, never merged. Every step is recorded ({@code <name>-change} records).
 */
final class ChangeEndpoints {

    static final String POLICY_CHANGES = "/api/admin/policy-changes";
    static final String DIRECTORY_CHANGES = "/api/admin/directory-changes";
    private static final int MAX_BODY_BYTES = 512 * 1024;
    private static final int MIN_TEXT = 10;
    static final int MAX_LINES = 20_000;
    private static final int MAX_TEXT = 2000;
    private static final String PROPOSAL = "Send {\"text\": \"the whole file\", \"reason\": \"why\"}.";
    private static final String DECISION = "Send {\"comment\": \"what you decided and why\"}.";

    private final ChangeTarget target;
    private final String changes;
    private final ChangeStore store;
    private final ChangeRecords records;
    private final AuditTrail trail;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    ChangeEndpoints(ChangeTarget target, ChangeStore store, ChangeRecords records, AuditTrail trail,
            SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.target = target;
        this.changes = "/api/admin/" + target.name() + "-changes";
        this.store = store;
        this.records = records;
        this.trail = trail;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp, ElevationCheck elevation) {
        RouterFunction<ServerResponse> decisions = RouterFunctions
                .route(POST(changes + "/{id}/approve"), request -> decide(request, Change.State.APPLIED))
                .andRoute(POST(changes + "/{id}/reject"), request -> decide(request, Change.State.REJECTED))
                .filter(stepUp.required());
        RouterFunction<ServerResponse> acts = RouterFunctions.route(POST(changes), this::propose)
                .andRoute(POST(changes + "/{id}/withdraw"), request -> decide(request, Change.State.WITHDRAWN))
                .and(decisions).filter(elevation.required());
        return RouterFunctions.route(GET(changes), request -> StoreCalls.blocking(store::list).flatMap(found ->
                        StoreCalls.ok(Map.of("changes", found.stream().map(ChangeEndpoints::summary).toList()))))
                .andRoute(GET(changes + "/{id}"), this::one)
                .and(acts);
    }

    private Mono<ServerResponse> propose(ServerRequest request) {
        return StoreCalls.caller(request).flatMap(proposer -> body.object(request.exchange(), MAX_BODY_BYTES, PROPOSAL)
                .flatMap(form -> {
                    Optional<String> text = text(form, "text");
                    Optional<String> reason = text(form, "reason").map(String::strip)
                            .filter(r -> length(r) >= MIN_TEXT && length(r) <= MAX_TEXT);
                    Optional<String> unreadable = text.flatMap(ChangeEndpoints::unreadable);
                    if (unreadable.isPresent()) {
                        return error(request, HttpStatus.BAD_REQUEST, unreadable.get());
                    }
                    if (!trail.available()) {
                        return error(request, HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record a "
                                + "proposal now; nothing was stored. Try again shortly.");
                    }
                    if (text.isEmpty() || reason.isEmpty() || form.size() != 2) {
                        return error(request, HttpStatus.BAD_REQUEST, "A proposal is the whole file as text and "
                                + "a reason of " + MIN_TEXT + " to " + MAX_TEXT + " characters, nothing else. "
                                + PROPOSAL);
                    }
                    return StoreCalls.blocking(() -> {
                        List<ConfigurationError> errors = target.check(text.get());
                        if (!errors.isEmpty()) {
                            return (Object) errors;
                        }
                        ChangeTarget.Written base = target.written();
                        Change change = new Change(UUID.randomUUID().toString(), target.name(), proposer, reason.get(),
                                base.version(), base.text(), PolicyVersion.of(text.get()), text.get(),
                                Change.State.PENDING, clock.instant(), Optional.empty());
                        store.create(change);
                        StoreCalls.note(request, target.name() + "Change", change.id(), "proposed");
                        records.write(target, store);
                        return change;
                    }).flatMap(made -> made instanceof Change change
                            ? ServerResponse.created(URI.create(changes + "/" + change.id()))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                    .bodyValue(detail(change))
                            : invalid(request, (List<?>) made));
                }));
    }

    private Mono<ServerResponse> invalid(ServerRequest request, List<?> errors) {
        return responses.errorResponse(request.exchange(), HttpStatus.BAD_REQUEST, "The proposed " + target.name()
                + " has "
                + errors.size() + (errors.size() == 1 ? " error" : " errors") + "; nothing was stored.",
                Map.of("errors", errors.stream().map(Object::toString).toList()));
    }

    private Mono<ServerResponse> one(ServerRequest request) {
        return StoreCalls.blocking(() -> store.find(request.pathVariable("id"))).flatMap(found -> found
                .map(change -> StoreCalls.ok(detail(change)))
                .orElseGet(() -> error(request, HttpStatus.NOT_FOUND, "There is no " + target.name()
                        + " change with this id.")));
    }

    private Mono<ServerResponse> decide(ServerRequest request, Change.State to) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, target.name() + "Change", id, to.label());
        boolean withdrawing = to == Change.State.WITHDRAWN;
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
                            change -> to == Change.State.APPLIED
                                    ? target.apply(change.proposedText(), change.baseVersion()) : change);
                } catch (ChangeTarget.StaleException | ConfigurationException e) {
                    return e;
                }
            }).flatMap(outcome -> answer(request, outcome, to, actor, comment));
        }));
    }

    private Mono<ServerResponse> answer(ServerRequest request, Object outcome, Change.State to, String actor,
            String comment) {
        if (outcome instanceof ChangeStore.Done done) {
            return StoreCalls.blocking(() -> {
                records.write(target, store);
                return done.change();
            }).flatMap(change -> StoreCalls.ok(detail(change)));
        }
        if (outcome instanceof ChangeTarget.StaleException stale) {
            return error(request, HttpStatus.CONFLICT, "The " + target.name() + " changed since this was proposed ("
                    + stale.getMessage()
                    + "); nothing was applied. Propose the change again against the policy in force.");
        }
        if (outcome instanceof ConfigurationException invalid) {
            return invalid(request, invalid.errors());
        }
        Optional<Change> now = ((ChangeStore.Refused) outcome).now();
        if (now.isEmpty()) {
            return error(request, HttpStatus.NOT_FOUND, "There is no " + target.name() + " change with this id.");
        }
        Change change = now.get();
        if (change.state() == Change.State.PENDING) {
            return error(request, HttpStatus.FORBIDDEN, to == Change.State.WITHDRAWN
                    ? "Only its proposer may withdraw a proposal." : "You proposed this change: another administrator "
                            + "must decide it.");
        }
        return error(request, HttpStatus.CONFLICT, "This change is " + change.state().label() + change.decided()
                .map(d -> " (by " + d.by() + " at " + d.at() + ")").orElse("") + ", no longer pending.");
    }

    private static Map<String, Object> summary(Change change) {
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

    private Map<String, Object> detail(Change change) {
        Map<String, Object> json = summary(change);
        LineDiff.Result diff = LineDiff.of(change.baseText(), change.proposedText(), target.fileName());
        json.put("linesRemoved", diff.removed());
        json.put("linesAdded", diff.added());
        json.put("diff", diff.unified());
        json.put("before", change.baseText());
        json.put("after", change.proposedText());
        return json;
    }

    /**
     * Why a proposed text cannot be shown faithfully in a diff, if it cannot: too many lines, or a
     * character the YAML reader takes as a line break (or a control, or a change of writing
     * direction) where the diff and a terminal would show none.
     */
    static Optional<String> unreadable(String text) {
        if (text.lines().count() > MAX_LINES) {
            return Optional.of("A proposal has at most " + MAX_LINES + " lines.");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == 0x85;
            boolean separator = c == 0x2028 || c == 0x2029;
            boolean direction = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e
                    || c == 0x200f || c == 0x061c;
            if (control || separator || direction) {
                return Optional.of(String.format("The proposal holds the character U+%04X at offset %d: lines end "
                        + "with \\n alone, and no control or direction character may hide what a reviewer reads.",
                        (int) c, i));
            }
        }
        return Optional.empty();
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
