package org.sekimori.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.store.ChainStore;
import org.sekimori.gateway.audit.store.ChainHead;
import org.sekimori.gateway.audit.store.StoredEntry;
import org.sekimori.keys.CheckpointSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one thread that appends to this instance's chain. It takes every record waiting, links them,
 * writes them in one transaction (group commit: one durable write for many requests), signs a
 * checkpoint every so many records or seconds, and only then lets their requests go on.
 *
 * <p>When a commit fails the store is marked unavailable: new requests are refused at the door
 * until a probe write commits again. The chain head is re-read from the store after any failure,
 * so a transaction that failed half-way never leaves a gap or a fork.
 */
final class RecordWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RecordWriter.class);
    private static final int MAX_BATCH = 512;
    private static final long PROBE_PAUSE_MILLIS = 250;

    /** A purge asked of the writer, so that it is ordered with the appends of the same chain. */
    record PurgeRequest(Instant cutoff, ObjectNode record, CompletableFuture<Optional<Purge>> done) {
    }

    private final BlockingQueue<PendingRecord> queue;
    private final ConcurrentLinkedQueue<PurgeRequest> purges = new ConcurrentLinkedQueue<>();
    private final ChainStore.Opener stores;
    private final String chain;
    private final Supplier<CheckpointSigningKey> signingKey;
    private final Optional<CheckpointCopy> checkpointCopy;
    private final int checkpointEvery;
    private final long checkpointIntervalNanos;
    private final Clock clock;
    private final Availability availability;
    private final Timer commits;
    private final DistributionSummary batchSizes;
    private final Counter failures;

    private ChainStore store;
    private ChainHead head;
    private long sinceCheckpoint;
    private long lastCheckpointNanos = System.nanoTime();
    private volatile boolean running = true;

    RecordWriter(ChainStore.Opener stores, AuditProperties settings, String chain,
            Supplier<CheckpointSigningKey> signingKey,
            Clock clock, Availability availability, MeterRegistry meters) {
        this.stores = stores;
        this.chain = chain;
        this.signingKey = signingKey;
        this.checkpointCopy = settings.checkpointCopy().map(file -> new CheckpointCopy(file));
        this.checkpointEvery = settings.checkpointEvery();
        this.checkpointIntervalNanos = settings.checkpointInterval().toNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.clock = clock;
        this.availability = availability;
        this.commits = Timer.builder("sekimori.audit.commit").description("Time to make a batch of records durable")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchSizes = DistributionSummary.builder("sekimori.audit.commit.records")
                .description("Records made durable per commit").publishPercentiles(0.5, 0.99).register(meters);
        this.failures = Counter.builder("sekimori.audit.commit.failures")
                .description("Commits of records that failed").register(meters);
    }

    /** Queues a record; false when the queue is full, which the caller treats as an unavailable store. */
    boolean offer(PendingRecord pending) {
        return queue.offer(pending);
    }

    void purge(PurgeRequest request) {
        purges.add(request);
    }

    int waiting() {
        return queue.size();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<PendingRecord> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                if (!availability.available() && !recover()) {
                    failWaiting("the audit store is unavailable");
                    sleep(PROBE_PAUSE_MILLIS);
                    continue;
                }
                PendingRecord first = queue.poll(Math.max(1, checkpointIntervalNanos / 4), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch, false);
                    batch.clear();
                } else if (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNanos >= checkpointIntervalNanos) {
                    write(batch, true); // nothing waiting: a checkpoint over what came since the last one
                }
                runPurges();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Never let the writer die: a dead writer would refuse every request from now on.
                log.error("The audit record writer failed unexpectedly: {}", e.getClass().getName());
                batch.forEach(pending -> pending.done().completeExceptionally(unavailable()));
                batch.clear();
                markFailed();
            }
        }
        failWaiting("the gateway is stopping");
        if (availability.available() && sinceCheckpoint > 0) {
            write(batch, true); // seal the tail, so a verifier sees where this run ended
        }
        closeStore();
    }

    private void write(List<PendingRecord> batch, boolean sealNow) {
        long now = System.nanoTime();
        List<PendingRecord> live = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            if (now - pending.deadlineNanos() > 0) {
                // its request was already refused: writing it would record a response never sent
                pending.done().completeExceptionally(unavailable());
            } else {
                live.add(pending);
            }
        }
        List<StoredEntry> entries = new ArrayList<>(live.size());
        long seq = head.seq();
        String prev = head.hash();
        for (PendingRecord pending : live) {
            ChainEntry entry = ChainEntry.link(chain, ++seq, prev, pending.record());
            entries.add(new StoredEntry(entry, pending.subjects()));
            prev = entry.hash();
        }
        Optional<Checkpoint> checkpoint = Optional.empty();
        boolean due = sealNow || sinceCheckpoint + entries.size() >= checkpointEvery
                || now - lastCheckpointNanos >= checkpointIntervalNanos;
        if (due && sinceCheckpoint + entries.size() > 0) {
            checkpoint = Optional.of(Checkpoint.sign(chain, seq, prev, clock.instant(), head.checkpointHash(),
                    signingKey.get())); // the active key now: a rotation takes effect at the next checkpoint
        }
        long started = System.nanoTime();
        try {
            store.append(entries, checkpoint);
        } catch (SQLException | RuntimeException e) {
            log.error("Audit records could not be committed ({} records): {}", entries.size(), describe(e));
            live.forEach(pending -> pending.done().completeExceptionally(unavailable()));
            markFailed();
            return;
        }
        commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchSizes.record(entries.size());
        head = new ChainHead(seq, prev, checkpoint.isPresent() ? checkpoint : head.checkpoint());
        if (checkpoint.isPresent()) {
            sinceCheckpoint = 0;
            lastCheckpointNanos = System.nanoTime();
            copy(checkpoint.get());
        } else {
            sinceCheckpoint += entries.size();
        }
        live.forEach(pending -> pending.done().complete(null));
    }

    private void runPurges() {
        PurgeRequest request;
        while ((request = purges.poll()) != null) {
            try {
                Optional<long[]> range = store.purgeable(chain, request.cutoff());
                if (range.isEmpty() || range.get()[1] >= head.seq()) {
                    // Nothing old enough, or it would remove the head: the newest record always stays.
                    request.done().complete(Optional.empty());
                    continue;
                }
                long from = range.get()[0];
                long to = range.get()[1];
                Optional<String> last = lastPurgeable(to, request.cutoff());
                if (last.isEmpty()) {
                    request.done().complete(Optional.empty());
                    continue;
                }
                ObjectNode record = request.record();
                ObjectNode purged = record.putObject("purged");
                purged.put("from", from);
                purged.put("to", to);
                purged.put("head", last.get());
                purged.put("before", request.cutoff().toString());
                ChainEntry entry = ChainEntry.link(chain, head.seq() + 1, head.hash(), record);
                int count = store.purge(chain, to, new StoredEntry(entry, List.of()));
                head = new ChainHead(entry.seq(), entry.hash(), head.checkpoint());
                sinceCheckpoint++;
                // Sealed at once: a verifier trusts a purge record to account for missing records only when sealed.
                write(new ArrayList<>(), true);
                request.done().complete(Optional.of(new Purge(from, to, count)));
            } catch (SQLException | RuntimeException e) {
                log.error("Audit records could not be purged: {}", describe(e));
                request.done().completeExceptionally(unavailable());
                markFailed();
            }
        }
    }

    /**
     * The hash of record {@code to}, the last the store lists as older than {@code cutoff}, when its
     * hashed content agrees: its hash holds, the next record links to it, and the time inside it is
     * before the cutoff. The store's own time column is not hashed; whoever altered it must not be
     * able to make retention delete recent records.
     */
    private Optional<String> lastPurgeable(long to, Instant cutoff) throws SQLException {
        Optional<ChainEntry> last = store.entry(chain, to);
        Optional<ChainEntry> next = store.entry(chain, to + 1);
        boolean agrees = last.isPresent() && next.isPresent() && last.get().hashHolds()
                && next.get().prev().equals(last.get().hash())
                && Instant.parse(last.get().record().path("time").asString()).isBefore(cutoff);
        if (!agrees) {
            log.error("Audit records were not purged: record {}:{}, which the store lists as older than {}, is "
                    + "not so by its hashed content; the store was altered. Verify the trail.", chain, to, cutoff);
            return Optional.empty();
        }
        return Optional.of(last.get().hash());
    }

    private boolean recover() {
        try {
            closeStore();
            store = stores.open();
            store.claim(chain);
            store.probe(chain, clock.instant());
            head = store.head(chain);
            sinceCheckpoint = head.seq() - head.checkpoint().map(Checkpoint::seq).orElse(0L);
            availability.recovered();
            log.info("The audit store takes records: chain {} continues after record {}", chain, head.seq());
            return true;
        } catch (SQLException | RuntimeException e) {
            availability.failed();
            log.warn("The audit store is unavailable: {}", describe(e));
            return false;
        }
    }

    private void markFailed() {
        failures.increment();
        availability.failed();
        closeStore();
    }

    private void copy(Checkpoint checkpoint) {
        checkpointCopy.ifPresent(copy -> {
            try {
                copy.append(checkpoint);
            } catch (java.io.IOException e) {
                // The records are durable; only the outside copy lags. Loud, but not a refusal.
                log.error("The checkpoint at record {} could not be copied: {}", checkpoint.seq(), e.getMessage());
            }
        });
    }

    private void failWaiting(String why) {
        PendingRecord pending;
        while ((pending = queue.poll()) != null) {
            pending.done().completeExceptionally(new AuditUnavailableException(why));
        }
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static AuditUnavailableException unavailable() {
        return new AuditUnavailableException("the audit store did not commit the record");
    }

    /** The class and SQL state only: a driver's message can quote the values of a statement. */
    private static String describe(Exception e) {
        return e instanceof SQLException sql ? sql.getClass().getSimpleName() + " (SQL state " + sql.getSQLState() + ")"
                : e.getClass().getName();
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
