package org.sekimori.gateway.reviews;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.audit.StoreReadException;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.store.AuditQuery;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.audit.store.TrailScan;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.StoreCalls;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
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
 * The responsible person's review of exceptions invoked (R13, seed 004 Art.13(3)), at
 * {@value #REVIEWS}: the exceptions of the last {@value #LISTED_DAYS} days from the audit trail,
 * each pending or reviewed; one opened with its justification (after a recent second factor); and
 * the review itself, justified or not with a comment, once per access record, never by the handler
 * who invoked it. Each review is an {@code exception-review} record in the trail.
 */
final class ExceptionReviewEndpoints {

    static final String REVIEWS = "/api/admin/exception-reviews";
    static final int LISTED_DAYS = 400;
    private static final int PAGE = 1000;
    private static final String SHAPE = "Send {\"outcome\": \"justified\" or \"not-justified\", \"comment\": "
            + "\"what the review found\"}.";

    private final TrailReader trail;
    private final AuditTrail records;
    private final ExceptionReviewStore store;
    private final SealedText sealing;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    ExceptionReviewEndpoints(TrailReader trail, AuditTrail records, ExceptionReviewStore store, SealedText sealing,
            SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.trail = trail;
        this.records = records;
        this.store = store;
        this.sealing = sealing;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes(StepUp stepUp, ElevationCheck elevation) {
        // Opening a justification reads what the handler wrote, which may name people: elevated only.
        RouterFunction<ServerResponse> opened = RouterFunctions
                .route(GET(REVIEWS + "/{chain}/{seq}"), this::one)
                .andRoute(POST(REVIEWS + "/{chain}/{seq}"), this::review)
                .filter(stepUp.required()).filter(elevation.required());
        return RouterFunctions.route(GET(REVIEWS), this::list).and(opened);
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        Optional<String> status = request.queryParam("status");
        if (status.isPresent() && !Set.of("pending", "reviewed").contains(status.get())) {
            return error(request, HttpStatus.BAD_REQUEST, "status is pending or reviewed.");
        }
        return StoreCalls.blocking(() -> {
            Map<String, ExceptionReview> reviews = store.all();
            List<Map<String, Object>> listed = new ArrayList<>();
            for (ChainEntry entry : invoked()) {
                Optional<ExceptionReview> review = Optional.ofNullable(reviews.get(entry.chain() + ":" + entry.seq()));
                if (status.isEmpty() || status.get().equals(review.isPresent() ? "reviewed" : "pending")) {
                    listed.add(summary(entry, review));
                }
            }
            return Map.of("exceptions", listed);
        }).flatMap(StoreCalls::ok);
    }

    private Mono<ServerResponse> one(ServerRequest request) {
        return recordOf(request, (entry, review) -> {
            Map<String, Object> json = summary(entry, review);
            try {
                json.put("justification", sealing.open(entry.record().path("justification").asString()));
            } catch (IllegalArgumentException altered) {
                return error(request, HttpStatus.CONFLICT, "The justification of " + json.get("id") + " does not "
                        + "open: it was altered, or sealed with a key this gateway does not hold.");
            }
            json.put("record", entry.record());
            return StoreCalls.ok(json);
        });
    }

    private Mono<ServerResponse> review(ServerRequest request) {
        return StoreCalls.caller(request).flatMap(reviewer -> body.read(request.exchange(), Set.of("outcome",
                "comment"), SHAPE).flatMap(form -> recordOf(request, (entry, existing) -> {
                    Optional<ExceptionReview.Outcome> outcome = ExceptionReview.Outcome.of(form.getOrDefault("outcome",
                            ""));
                    String comment = form.getOrDefault("comment", "").strip();
                    int length = comment.codePointCount(0, comment.length());
                    if (outcome.isEmpty() || length < 10 || length > 2000) {
                        return error(request, HttpStatus.BAD_REQUEST, "A review is an outcome and a comment of 10 to "
                                + "2000 characters. " + SHAPE);
                    }
                    String handler = entry.record().path("handler").asString("");
                    if (handler.equals(reviewer)) {
                        return error(request, HttpStatus.FORBIDDEN, "You invoked this exception: someone else must "
                                + "review it.");
                    }
                    if (existing.isPresent()) {
                        return reviewed(request, existing.get());
                    }
                    ExceptionReview review = new ExceptionReview(entry.chain(), entry.seq(), handler,
                            entry.record().path("exception").asString(), outcome.get(), reviewer, clock.instant(),
                            comment);
                    return StoreCalls.blocking(() -> store.add(review) ? Optional.<ExceptionReview>empty()
                            : store.find(entry.chain(), entry.seq())).flatMap(earlier -> earlier
                                    .map(first -> reviewed(request, first))
                                    .orElseGet(() -> records.record(record(review), List.of()).then(ServerResponse
                                            .status(HttpStatus.CREATED).bodyValue(summary(entry, Optional.of(review))))));
                })));
    }

    private Mono<ServerResponse> reviewed(ServerRequest request, ExceptionReview review) {
        return error(request, HttpStatus.CONFLICT, "This exception was reviewed already (" + review.outcome().label()
                + ", by " + review.reviewer() + " at " + review.reviewedAt() + ").");
    }

    @FunctionalInterface
    private interface Found {
        Mono<ServerResponse> answer(ChainEntry entry, Optional<ExceptionReview> review);
    }

    /** The access record named by the path, if it is one of an exception invoked, with its review if any. */
    private Mono<ServerResponse> recordOf(ServerRequest request, Found found) {
        String chain = request.pathVariable("chain");
        long seq;
        try {
            seq = Long.parseLong(request.pathVariable("seq"));
        } catch (NumberFormatException e) {
            return error(request, HttpStatus.BAD_REQUEST, "A record is named by its chain and sequence number.");
        }
        StoreCalls.note(request, "exceptionRecord", chain + ":" + seq, request.method().name().equals("GET")
                ? "opened" : "reviewed");
        return StoreCalls.blocking(() -> {
            Optional<ChainEntry> entry = read(() -> trail.record(chain, seq)).map(TrailReader.Found::entry)
                    .filter(e -> e.record().has("exception") && e.record().has("justification"));
            return entry.isEmpty() ? Optional.<Reviewed>empty()
                    : Optional.of(new Reviewed(entry.get(), store.find(chain, seq)));
        }).flatMap(reviewed -> reviewed.map(r -> found.answer(r.entry(), r.review()))
                .orElseGet(() -> error(request, HttpStatus.NOT_FOUND, "No record " + chain + ":" + seq + " of an "
                        + "exception invoked is in the trail.")));
    }

    private record Reviewed(ChainEntry entry, Optional<ExceptionReview> review) {
    }

    /** The answered access records of exceptions invoked over the listed days, newest first. */
    private List<ChainEntry> invoked() {
        List<ChainEntry> found = new ArrayList<>();
        read(() -> {
            TrailScan.each(trail, AuditQuery.period(clock.instant().minus(Duration.ofDays(LISTED_DAYS)),
                    Optional.empty(), Optional.empty(), Optional.of(true), Optional.of("access"), PAGE),
                    record -> {
                        if (record.entry().record().has("status")) {
                            found.add(record.entry());
                        }
                    });
            return null;
        });
        java.util.Collections.reverse(found);
        return found;
    }

    private static Map<String, Object> summary(ChainEntry entry, Optional<ExceptionReview> review) {
        JsonNode record = entry.record();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.chain() + ":" + entry.seq());
        json.put("time", record.path("time").asString());
        json.put("handler", record.path("handler").asString(""));
        json.put("dataSystem", record.path("dataSystem").asString(""));
        json.put("purpose", record.path("purpose").asString(""));
        json.put("exception", record.path("exception").asString());
        json.put("decision", record.path("decision").asString(""));
        json.put("status", review.isPresent() ? "reviewed" : "pending");
        review.ifPresent(r -> json.put("review", r.json()));
        return json;
    }

    private ObjectNode record(ExceptionReview review) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "exception-review");
        record.put("time", review.reviewedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("handler", review.reviewer());
        record.put("reviewed", review.recordId());
        record.put("invokedBy", review.handler());
        record.put("exception", review.exception());
        record.put("outcome", review.outcome().label());
        record.put("comment", sealing.seal(review.comment()));
        return record;
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException, IOException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.run();
        } catch (SQLException | IOException e) {
            throw new StoreReadException(e);
        }
    }

    private Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String message) {
        return responses.errorResponse(request.exchange(), status, message);
    }
}
