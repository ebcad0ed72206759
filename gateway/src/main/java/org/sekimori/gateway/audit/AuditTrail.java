package org.sekimori.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.sekimori.gateway.audit.RecordWriter.PurgeRequest;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * This instance's audit trail: {@link #record} completes once the record is durable, or fails with
 * {@link AuditUnavailableException} when the store does not commit it within the commit timeout.
 */
public class AuditTrail implements SmartLifecycle {

    private final RecordWriter writer;
    private final Availability availability;
    private final Duration commitTimeout;
    private final String chain;
    private Thread thread;

    AuditTrail(RecordWriter writer, Availability availability, Duration commitTimeout, String chain) {
        this.writer = writer;
        this.availability = availability;
        this.commitTimeout = commitTimeout;
        this.chain = chain;
    }

    public String chain() {
        return chain;
    }

    public boolean available() {
        return availability.available();
    }

    /** Completes when the record is durable; {@code subjects} are the pseudonyms to find it by. */
    public Mono<Void> record(ObjectNode record, List<String> subjects) {
        return Mono.defer(() -> {
            if (!availability.available()) {
                return Mono.error(new AuditUnavailableException("the audit store is unavailable"));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (!writer.offer(new PendingRecord(record, subjects, System.nanoTime() + commitTimeout.toNanos(), done))) {
                return Mono.error(new AuditUnavailableException("too many records are waiting for the audit store"));
            }
            return Mono.fromFuture(done).timeout(commitTimeout).onErrorMap(TimeoutException.class, e -> {
                availability.failed();
                return new AuditUnavailableException("the audit store did not commit within " + commitTimeout);
            });
        });
    }

    /**
     * Purges this chain's records made before {@code cutoff}, keeping the newest; {@code record} is the
     * purge's own record, which the writer completes with the range. Empty when nothing was old enough.
     */
    public Mono<Optional<Purge>> purge(Instant cutoff, ObjectNode record) {
        CompletableFuture<Optional<Purge>> done = new CompletableFuture<>();
        writer.purge(new PurgeRequest(cutoff, record, done));
        return Mono.fromFuture(done);
    }

    @Override
    public void start() {
        thread = new Thread(writer, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        writer.stop();
        try {
            thread.join(commitTimeout.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Stops after the web server, so that requests in flight still get their records. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
