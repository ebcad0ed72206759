package org.sekimori.gateway.audit.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sekimori.keys.CheckpointSigningKey;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain recorded the way the record writer does it: records linked from the genesis hash, a
 * checkpoint every so many records linked to the one before it, and purges that delete the oldest
 * records and append a record saying so. Tests take its records and checkpoints, tamper with them,
 * and render them as export lines.
 */
final class RecordedChain {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final String chain;
    private final int checkpointEvery;
    private CheckpointSigningKey key;
    private final List<ChainEntry> entries = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private long seq;
    private String head = ChainEntry.genesis();
    private long sinceCheckpoint;

    RecordedChain(String chain, CheckpointSigningKey key, int checkpointEvery) {
        this.chain = chain;
        this.key = key;
        this.checkpointEvery = checkpointEvery;
    }

    /** Appends {@code count} access records, with a checkpoint after every {@code checkpointEvery}th. */
    RecordedChain append(int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            record.put("event", "access");
            record.put("time", START.plusSeconds(seq).toString());
            record.put("handler", "h" + (seq % 3));
            record.put("userAgent", "curl/8." + seq);
            link(record);
        }
        return this;
    }

    /**
     * Purges records up to {@code to} as the record writer does: deleted, a record saying so
     * appended, and a checkpoint over it at once.
     */
    RecordedChain purge(long to) {
        long from = entries.get(0).seq();
        String purgedHead = entries.stream().filter(entry -> entry.seq() == to).findFirst().orElseThrow().hash();
        entries.removeIf(entry -> entry.seq() <= to);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "purge");
        record.put("time", START.plusSeconds(seq).toString());
        ObjectNode purged = record.putObject("purged");
        purged.put("from", from);
        purged.put("to", to);
        purged.put("head", purgedHead);
        purged.put("before", START.plusSeconds(to + 1).toString());
        add(record);
        seal();
        return this;
    }

    /** From now on, checkpoints are signed with {@code next} (a rotated key). */
    RecordedChain rotate(CheckpointSigningKey next) {
        key = next;
        return this;
    }

    List<ChainEntry> entries() {
        return new ArrayList<>(entries);
    }

    List<Checkpoint> checkpoints() {
        return new ArrayList<>(checkpoints);
    }

    ChainEntry entry(long seq) {
        return entries.stream().filter(entry -> entry.seq() == seq).findFirst().orElseThrow();
    }

    /** This chain's export: each checkpoint after the record it names, those of purged records first. */
    List<String> export() {
        return lines(entries, checkpoints);
    }

    /** The checkpoint copy the gateway appends to. */
    List<String> checkpointCopy() {
        return checkpoints.stream().map(ExportLines::of).toList();
    }

    /**
     * Export lines: each checkpoint after the record it names, those of records not in the list
     * before the first record or after the last.
     */
    static List<String> lines(List<ChainEntry> entries, List<Checkpoint> checkpoints) {
        List<String> lines = new ArrayList<>();
        long first = entries.stream().mapToLong(ChainEntry::seq).min().orElse(Long.MAX_VALUE);
        long last = entries.stream().mapToLong(ChainEntry::seq).max().orElse(Long.MAX_VALUE);
        checkpoints.stream().filter(checkpoint -> checkpoint.seq() < first).map(ExportLines::of).forEach(lines::add);
        for (ChainEntry entry : entries) {
            lines.add(ExportLines.of(entry));
            checkpoints.stream().filter(checkpoint -> checkpoint.seq() == entry.seq()).map(ExportLines::of)
                    .forEach(lines::add);
        }
        checkpoints.stream().filter(checkpoint -> checkpoint.seq() > last).map(ExportLines::of).forEach(lines::add);
        return lines;
    }

    /**
     * The records from {@code seq} on, with the record at {@code seq} changed by {@code change} and
     * every hash from there recomputed, as someone without the signing key could do.
     */
    static List<ChainEntry> rehashedFrom(List<ChainEntry> entries, long seq, Consumer<ObjectNode> change) {
        List<ChainEntry> rehashed = new ArrayList<>();
        String prev = null;
        for (ChainEntry entry : entries) {
            if (entry.seq() < seq) {
                rehashed.add(entry);
                prev = entry.hash();
                continue;
            }
            ObjectNode record = entry.record().deepCopy();
            if (entry.seq() == seq) {
                change.accept(record);
            }
            ChainEntry relinked = ChainEntry.link(entry.chain(), entry.seq(), prev == null ? entry.prev() : prev, record);
            rehashed.add(relinked);
            prev = relinked.hash();
        }
        return rehashed;
    }

    /**
     * The checkpoints re-signed with {@code key} from the first whose head no longer matches
     * {@code entries} on, each over the new head and linked to the one before: what a holder of a
     * signing key could do after rehashing.
     */
    static List<Checkpoint> resigned(List<Checkpoint> checkpoints, List<ChainEntry> entries, CheckpointSigningKey key) {
        List<Checkpoint> resigned = new ArrayList<>();
        String prev = Checkpoint.first();
        boolean changed = false;
        for (Checkpoint checkpoint : checkpoints) {
            String head = entries.stream().filter(entry -> entry.seq() == checkpoint.seq()).map(ChainEntry::hash)
                    .findFirst().orElse(checkpoint.head());
            changed |= !head.equals(checkpoint.head());
            Checkpoint next = changed ? Checkpoint.sign(checkpoint.chain(), checkpoint.seq(), head,
                    checkpoint.time(), prev, key) : checkpoint;
            resigned.add(next);
            prev = next.hash();
        }
        return resigned;
    }

    /** Links a record as the writer does, and signs a checkpoint when one is due. */
    private void link(ObjectNode record) {
        add(record);
        if (sinceCheckpoint >= checkpointEvery) {
            seal();
        }
    }

    private void seal() {
        checkpoints.add(Checkpoint.sign(chain, seq, head, START.plusSeconds(seq),
                checkpoints.isEmpty() ? Checkpoint.first() : checkpoints.get(checkpoints.size() - 1).hash(), key));
        sinceCheckpoint = 0;
    }

    private void add(ObjectNode record) {
        ChainEntry entry = ChainEntry.link(chain, ++seq, head, record);
        entries.add(entry);
        head = entry.hash();
        sinceCheckpoint++;
    }
}
