package org.sekimori.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Purges records older than the retention period (R22: at least three years), on a schedule. Each
 * purge is itself a record, saying which range went, how many, before when and by whom; it anchors
 * what remains, so the chain still verifies after it.
 */
public class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final AuditTrail trail;
    private final Period retention;
    private final long intervalMillis;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    Retention(AuditTrail trail, Period retention, long intervalMillis, Clock clock) {
        this.trail = trail;
        this.retention = retention;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** Purges what is older than the retention now; empty when there was nothing to purge. */
    public Mono<Optional<Purge>> purge(String by) {
        Instant now = clock.instant();
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "purge");
        record.put("time", now.truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("by", by);
        record.put("retention", retention.toString());
        return trail.purge(cutoff, record).doOnNext(purge -> purge.ifPresent(done -> log.info(
                "Purged {} audit records ({} to {}) older than {}", done.count(), done.from(), done.to(), retention)));
    }

    @Override
    public void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> purge("retention").onErrorResume(e -> {
            log.error("Audit records could not be purged: {}", e.getClass().getName());
            return Mono.empty();
        }).block(), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        schedule.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }
}
