package org.sekimori.gateway.reports;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sekimori.gateway.audit.StoreReadException;
import org.sekimori.gateway.audit.store.AuditQuery;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.audit.store.TrailScan;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.reviews.ExceptionReview;
import org.sekimori.gateway.reviews.ExceptionReviewStore;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.Ledger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reports for the responsible person and auditors, summed from the audit trail over a period of
 * days in the policy's zone: the operation report (seed 004 Art.4(4): use per data system and
 * purpose, denials, exceptions invoked, deletions, exports and provisions, grant requests decided)
 * at {@value #OPERATIONS}, and the report on each contractor's access (Art.27) at
 * {@value #CONTRACTORS}: who they are, what they hold now, and what they did.
 */
final class ReportEndpoints {

    static final String OPERATIONS = "/api/reports/operations";
    static final String CONTRACTORS = "/api/reports/contractors";
    private static final int PAGE = 1000;
    private static final long MAX_DAYS = 400;

    private final TrailReader trail;
    private final ExceptionReviewStore reviews;
    private final CurrentPolicy policy;
    private final Ledger ledger;
    private final Directory directory;
    private final JsonResponses responses;
    private final Clock clock;

    ReportEndpoints(TrailReader trail, ExceptionReviewStore reviews, CurrentPolicy policy, Ledger ledger, Directory directory,
            JsonResponses responses, Clock clock) {
        this.trail = trail;
        this.reviews = reviews;
        this.policy = policy;
        this.ledger = ledger;
        this.directory = directory;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(GET(OPERATIONS), request -> report(request, "operations", this::operations))
                .andRoute(GET(CONTRACTORS), request -> report(request, "contractors", this::contractors));
    }

    /** A period of whole days: from the start of {@code from} to the end of {@code to}. */
    record Period(LocalDate from, LocalDate to, ZoneId zone) {

        Instant start() {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from", from.toString());
            json.put("to", to.toString());
            json.put("zone", zone.getId());
            return json;
        }
    }

    @FunctionalInterface
    private interface Report {
        Map<String, Object> make(Period period) throws SQLException, IOException;
    }

    private Mono<ServerResponse> report(ServerRequest request, String name, Report report) {
        Optional<LocalDate> from = date(request, "from");
        Optional<LocalDate> to = date(request, "to");
        if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())
                || ChronoUnit.DAYS.between(from.get(), to.get()) >= MAX_DAYS) {
            return responses.errorResponse(request.exchange(), HttpStatus.BAD_REQUEST, "Give the period as "
                    + "from=2026-04-01&to=2027-03-31: two dates, the first not after the second, at most " + MAX_DAYS
                    + " days apart (a fiscal year fits).");
        }
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY, Map.of("report", name, "from",
                from.get().toString(), "to", to.get().toString()));
        Period period = new Period(from.get(), to.get(), policy.zone());
        return Mono.fromCallable(() -> {
            try {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("report", name);
                json.put("period", period.json());
                json.put("generatedAt", clock.instant().toString());
                json.put("policyVersion", policy.version());
                json.putAll(report.make(period));
                return json;
            } catch (SQLException | IOException e) {
                throw new StoreReadException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(json -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(json));
    }

    private Map<String, Object> operations(Period period) throws SQLException, IOException {
        return tally(period, Optional.empty()).summary(reviews.all());
    }

    private Map<String, Object> contractors(Period period) throws SQLException, IOException {
        CompiledPolicy inForce = policy.inForce();
        Map<String, ExceptionReview> reviewed = reviews.all();
        List<Map<String, Object>> contractors = new java.util.ArrayList<>();
        for (Handler handler : directory.handlers()) {
            if (!handler.contractor()) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("userId", handler.userId());
            json.put("displayName", handler.displayName());
            json.put("organisation", handler.organisation());
            json.put("roles", handler.roles());
            json.put("status", handler.status().name().toLowerCase(java.util.Locale.ROOT));
            json.put("accessExpires", handler.accessExpires().map(LocalDate::toString).orElse(null));
            json.put("grantsHeld", held(inForce, handler));
            json.put("activity", tally(period, Optional.of(handler.userId())).summary(reviewed));
            contractors.add(json);
        }
        return Map.of("contractors", contractors);
    }

    /** The grants the handler holds under the policy in force: their roles', then their own from requests. */
    private List<Map<String, Object>> held(CompiledPolicy inForce, Handler handler) {
        List<Map<String, Object>> held = new java.util.ArrayList<>();
        for (DataSystem system : ledger.dataSystems()) {
            for (String role : handler.roles()) {
                inForce.grants(system.id(), role).forEach(grant -> held.add(grant(grant)));
            }
        }
        for (HandlerGrant own : inForce.handlerGrants()) {
            if (own.userId().equals(handler.userId())) {
                held.add(grant(own.terms(inForce.source().grants())));
            }
        }
        return held;
    }

    private static Map<String, Object> grant(Grant grant) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", RuleIds.of(grant));
        json.put("dataSystem", grant.dataSystem());
        json.put("actions", grant.actions().stream().sorted().map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                .toList());
        json.put("purposes", grant.purposes().stream().sorted().toList());
        json.put("items", grant.items().keySet().stream().sorted().toList());
        grant.conditions().validUntil().ifPresent(last -> json.put("lastDay", last.toString()));
        return json;
    }

    /** Reads every record of the period (of one handler, if given) into one tally. */
    private RecordTally tally(Period period, Optional<String> handler) throws SQLException, IOException {
        RecordTally tally = new RecordTally();
        TrailScan.each(trail, AuditQuery.period(period.start(), Optional.of(period.end()), handler, Optional.empty(),
                Optional.empty(), PAGE), found -> tally.add(found.entry().chain(), found.entry().seq(),
                        found.entry().record()));
        return tally;
    }

    private static Optional<LocalDate> date(ServerRequest request, String name) {
        try {
            return request.queryParam(name).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
