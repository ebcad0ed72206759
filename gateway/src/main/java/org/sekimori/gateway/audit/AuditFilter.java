package org.sekimori.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sekimori.gateway.audit.AccessRecords.Stage;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.sekimori.gateway.security.ManagementPortMatcher;
import org.sekimori.gateway.web.JsonResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Records every request, and holds its response until the record is durable: the record is written
 * as the response commits, before its first byte leaves. When the record cannot be made durable the
 * response is replaced by a 503; while the store is unavailable requests are refused at the door,
 * before they reach authentication or any data system.
 */
public class AuditFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    public static final String UNAVAILABLE = "Access records cannot be written now, so the gateway serves nothing; "
            + "nothing was sent to a data system. Try again shortly.";

    private final AuditTrail trail;
    private final AccessRecords records;
    private final Alerts alerts;
    private final ManagementPortMatcher managementPort;
    private final JsonResponses responses;
    private final Clock clock;

    public AuditFilter(AuditTrail trail, AccessRecords records, Alerts alerts, ManagementPortMatcher managementPort,
            JsonResponses responses, Clock clock) {
        this.trail = trail;
        this.records = records;
        this.alerts = alerts;
        this.managementPort = managementPort;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return managementPort.matches(exchange).flatMap(management -> management.isMatch() ? chain.filter(exchange)
                : audited(exchange, chain));
    }

    private Mono<Void> audited(ServerWebExchange exchange, WebFilterChain chain) {
        if (!trail.available()) {
            return refuse(exchange);
        }
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        exchange.getAttributes().put(AuditStart.ATTRIBUTE, new AuditStart(start, startNanos));
        AtomicBoolean recorded = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> recorded.compareAndSet(false, true)
                ? write(exchange, start, startNanos, Stage.ANSWERED) : Mono.empty());
        return chain.filter(exchange)
                .onErrorResume(AuditUnavailableException.class, e -> refuse(exchange))
                .doFinally(signal -> {
                    // On completion the server commits the response next (an empty one, if nothing
                    // was written), and the record is made then; only a cancel means no answer.
                    if (signal == SignalType.CANCEL && recorded.compareAndSet(false, true)) {
                        // The client went away before an answer: nothing was released, but the
                        // request may have reached a data system, so it is recorded all the same.
                        write(exchange, start, startNanos, Stage.CANCELLED).onErrorResume(e -> {
                            // No one is left to answer with a 503: say it where operators look.
                            log.error("The access record of a request the client abandoned could not be written "
                                    + "(correlation {}): the audit store is unavailable",
                                    ExchangeAttributes.correlationId(exchange));
                            return Mono.empty();
                        }).subscribe();
                    }
                });
    }

    /**
     * Records a write before it is forwarded: a data system never applies an input, update or
     * deletion that has no durable record, even if the store fails before the answer comes back.
     */
    public Mono<Void> recordForwarding(ServerWebExchange exchange) {
        AuditStart begun = exchange.getAttribute(AuditStart.ATTRIBUTE);
        return begun == null ? Mono.empty() : write(exchange, begun.time(), begun.nanos(), Stage.FORWARDING);
    }

    private Mono<Void> write(ServerWebExchange exchange, Instant start, long startNanos, Stage stage) {
        return session(exchange).flatMap(session -> {
            AccessRecords.Made made = records.of(exchange, start, startNanos, session, stage);
            alerts.check(made.record());
            return Flux.fromIterable(made.parts()).concatMap(part -> trail.record(part.record(), part.subjects()))
                    .then();
        });
    }

    private static Mono<Optional<String>> session(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> session.isStarted() ? Optional.of(session.getId())
                : Optional.<String>empty()).defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
                Map.of("reason", "audit-unavailable"));
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUDIT;
    }
}
