package org.sekimori.gateway.reviews;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.audit.StoreReadException;
import org.sekimori.gateway.audit.store.AuditQuery;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.audit.store.TrailScan;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.grants.GrantRequestSync;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.HandlerStatus;
import org.sekimori.policy.model.Ledger;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The periodic review of who holds which access (R9), at {@value #REVIEW}: per handler, every grant
 * they hold now (of their roles, and from approved requests), when they last used it since a date
 * (from the audit trail) and how often, and the latest finding on it; per role, which of its grants
 * its holders use. A reviewer confirms a grant or revokes it, item by item, never their own: a
 * grant from a request is revoked at once; a role's grant goes with the role, so the finding says
 * it is to be revoked and the directory (or policy) change carries it out. Each finding is an
 * {@code access-review} record.
 */
final class AccessReviewEndpoints {

    static final String REVIEW = "/api/admin/access-review";
    private static final int PAGE = 1000;
    private static final String SHAPE = "Send {\"rule\": \"grant/... or request/...\", \"outcome\": \"confirmed\" or "
            + "\"revoked\", \"comment\": \"why\"}.";

    private final TrailReader trail;
    private final AuditTrail records;
    private final AccessReviewStore findings;
    private final GrantRequestStore requests;
    private final GrantRequestSync sync;
    private final CurrentPolicy policy;
    private final Directory directory;
    private final Ledger ledger;
    private final SealedText sealing;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    AccessReviewEndpoints(TrailReader trail, AuditTrail records, AccessReviewStore findings, GrantRequestStore requests,
            GrantRequestSync sync, CurrentPolicy policy, Directory directory, Ledger ledger, SealedText sealing,
            SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.trail = trail;
        this.records = records;
        this.findings = findings;
        this.requests = requests;
        this.sync = sync;
        this.policy = policy;
        this.directory = directory;
        this.ledger = ledger;
        this.sealing = sealing;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp, ElevationCheck elevation) {
        return RouterFunctions.route(GET(REVIEW), this::review).and(RouterFunctions.route(POST(REVIEW + "/{userId}"),
                this::find).filter(stepUp.required()).filter(elevation.required()));
    }

    /** Uses of a grant by a handler: how many, the last. */
    private static final class Use {
        long count;
        String last = "";
    }

    private Mono<ServerResponse> review(ServerRequest request) {
        Optional<LocalDate> since = request.queryParam("since").flatMap(AccessReviewEndpoints::date);
        if (since.isEmpty()) {
            return error(request, HttpStatus.BAD_REQUEST, "Give the start of the period of use as since=2026-04-01.");
        }
        return StoreCalls.blocking(() -> {
            CompiledPolicy inForce = policy.inForce();
            Map<String, Use> uses = new HashMap<>();
            Map<String, String> lastLogins = new HashMap<>();
            try {
                TrailScan.each(trail, AuditQuery.period(since.get().atStartOfDay(inForce.zone()).toInstant(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), PAGE),
                        found -> count(found.entry().record(), uses, lastLogins));
            } catch (java.io.IOException e) {
                throw new StoreReadException(e);
            }
            Map<String, AccessReviewStore.Finding> latest = findings.latest();
            List<Map<String, Object>> handlers = new ArrayList<>();
            Map<String, Map<String, List<String>>> roles = new TreeMap<>();
            for (Handler handler : directory.handlers()) {
                if (handler.status() != HandlerStatus.ACTIVE) {
                    continue;
                }
                List<Map<String, Object>> grants = new ArrayList<>();
                for (Held held : held(inForce, handler)) {
                    Use use = uses.getOrDefault(handler.userId() + " " + held.rule(), new Use());
                    Map<String, Object> json = held.json();
                    json.put("uses", use.count);
                    json.put("lastUsed", use.last.isEmpty() ? null : use.last);
                    Optional.ofNullable(latest.get(handler.userId() + " " + held.rule()))
                            .ifPresent(finding -> json.put("review", finding.json()));
                    grants.add(json);
                    held.role().ifPresent(role -> roles.computeIfAbsent(role, r -> new TreeMap<>())
                            .computeIfAbsent(held.rule(), r -> new ArrayList<>())
                            .add(use.count == 0 ? handler.userId() : ""));
                }
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("userId", handler.userId());
                json.put("displayName", handler.displayName());
                json.put("roles", handler.roles());
                json.put("contractor", handler.contractor());
                json.put("accessExpires", handler.accessExpires().map(LocalDate::toString).orElse(null));
                json.put("lastLogin", lastLogins.get(handler.userId()));
                json.put("grants", grants);
                handlers.add(json);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("since", since.get().toString());
            json.put("generatedAt", clock.instant().toString());
            json.put("policyVersion", inForce.version());
            json.put("handlers", handlers);
            json.put("roles", roles.entrySet().stream().map(AccessReviewEndpoints::role).toList());
            return json;
        }).flatMap(StoreCalls::ok);
    }

    /** A role's grants, each with how many hold it and who of them did not use it. */
    private static Map<String, Object> role(Map.Entry<String, Map<String, List<String>>> role) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", role.getKey());
        json.put("grants", role.getValue().entrySet().stream().map(grant -> {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("rule", grant.getKey());
            held.put("holders", grant.getValue().size());
            held.put("unusedBy", grant.getValue().stream().filter(unused -> !unused.isEmpty()).toList());
            return held;
        }).toList());
        return json;
    }

    private static void count(JsonNode record, Map<String, Use> uses, Map<String, String> lastLogins) {
        String handler = record.path("handler").asString("");
        String time = record.path("time").asString("");
        boolean loggedIn = record.path("event").asString("").equals("login")
                && record.path("outcome").asString("").equals("success")
                || record.path("loginCompleted").asBoolean(false);
        if (loggedIn && time.compareTo(lastLogins.getOrDefault(handler, "")) > 0) {
            lastLogins.put(handler, time);
        }
        if (!record.path("decision").asString("").equals("permit") || !record.has("status")) {
            return;
        }
        List<String> rules = new ArrayList<>();
        rules.add(record.path("rule").asString());
        record.path("moreRules").forEach(rule -> rules.add(rule.asString()));
        for (String rule : rules) {
            Use use = uses.computeIfAbsent(handler + " " + rule, key -> new Use());
            use.count++;
            if (time.compareTo(use.last) > 0) {
                use.last = time;
            }
        }
    }

    /** A grant a handler holds now: of one of their roles, or from a request. */
    private record Held(String rule, Optional<String> role, Grant grant) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rule", rule);
            role.ifPresentOrElse(r -> json.put("role", r), () -> json.put("grantRequest", grant.id()));
            json.put("dataSystem", grant.dataSystem());
            json.put("actions", grant.actions().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT))
                    .toList());
            json.put("purposes", grant.purposes().stream().sorted().toList());
            grant.conditions().validUntil().ifPresent(last -> json.put("lastDay", last.toString()));
            return json;
        }
    }

    private List<Held> held(CompiledPolicy inForce, Handler handler) {
        List<Held> held = new ArrayList<>();
        for (DataSystem system : ledger.dataSystems()) {
            for (String role : handler.roles()) {
                for (Grant grant : inForce.grants(system.id(), role)) {
                    held.add(new Held(RuleIds.of(grant), Optional.of(role), grant));
                }
            }
        }
        for (HandlerGrant own : inForce.handlerGrants()) {
            if (own.userId().equals(handler.userId())) {
                Grant terms = own.terms(inForce.source().grants());
                held.add(new Held(RuleIds.of(terms), Optional.empty(), terms));
            }
        }
        return held;
    }

    private Mono<ServerResponse> find(ServerRequest request) {
        String userId = request.pathVariable("userId");
        StoreCalls.note(request, "accessReviewOf", userId, "finding");
        return StoreCalls.caller(request).flatMap(reviewer -> body.read(request.exchange(), Set.of("rule", "outcome",
                "comment"), SHAPE).flatMap(form -> {
                    String rule = form.getOrDefault("rule", "");
                    String outcome = form.getOrDefault("outcome", "");
                    String comment = form.getOrDefault("comment", "").strip();
                    int length = comment.codePointCount(0, comment.length());
                    if (!Set.of("confirmed", "revoked").contains(outcome) || length < 10 || length > 2000) {
                        return error(request, HttpStatus.BAD_REQUEST, "A finding is a rule the handler holds, an "
                                + "outcome and a comment of 10 to 2000 characters. " + SHAPE);
                    }
                    if (reviewer.equals(userId)) {
                        return error(request, HttpStatus.FORBIDDEN, "Someone else reviews your own access.");
                    }
                    Optional<Held> held = directory.handler(userId).stream()
                            .flatMap(handler -> held(policy.inForce(), handler).stream())
                            .filter(h -> h.rule().equals(rule)).findFirst();
                    if (held.isEmpty()) {
                        return error(request, HttpStatus.NOT_FOUND, userId + " holds no grant " + rule + " now.");
                    }
                    if (!records.available()) {
                        return error(request, HttpStatus.SERVICE_UNAVAILABLE, "The audit trail cannot record this "
                                + "now; nothing was changed. Try again shortly.");
                    }
                    return StoreCalls.blocking(() -> carryOut(userId, held.get(), outcome, reviewer, comment))
                            .flatMap(effect -> records.record(record(userId, rule, outcome, effect, reviewer, comment),
                                    List.of()).then(StoreCalls.ok(Map.of("userId", userId, "rule", rule, "outcome",
                                            outcome, "effect", effect))));
                }));
    }

    /** Stores the finding and, for a revoked grant from a request, revokes it; the effect, in a word. */
    private String carryOut(String userId, Held held, String outcome, String reviewer, String comment)
            throws java.sql.SQLException {
        Instant now = clock.instant();
        findings.add(new AccessReviewStore.Finding(userId, held.rule(), outcome, reviewer, now, comment));
        if (outcome.equals("confirmed")) {
            return "confirmed";
        }
        if (held.role().isPresent()) {
            return "to be revoked by a directory change removing the role '" + held.role().get() + "' from " + userId
                    + ", or a policy change";
        }
        boolean revoked = requests.revoke(held.grant().id(), reviewer, "Access review: " + comment, now);
        sync.changed();
        return revoked ? "revoked" : "no longer approved";
    }

    private ObjectNode record(String userId, String rule, String outcome, String effect, String reviewer,
            String comment) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "access-review");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("handler", reviewer);
        record.put("account", userId);
        record.put("rule", rule);
        record.put("outcome", outcome);
        record.put("effect", effect);
        record.put("comment", sealing.seal(comment));
        return record;
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
