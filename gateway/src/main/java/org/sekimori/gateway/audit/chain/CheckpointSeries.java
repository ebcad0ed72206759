package org.sekimori.gateway.audit.chain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sekimori.gateway.audit.chain.Problem.Kind;
import org.sekimori.keys.CheckpointPublicKey;

/**
 * The signed checkpoints of one chain, gathered from the export and from the checkpoint copy, and
 * checked in order as the walk of the records reaches each one. A checkpoint holds when one of the
 * given keys signed it, it links to the checkpoint before it (so none was removed from between
 * them), no other checkpoint claims the same record, and the record it names ends in its head.
 * Checkpoints of purged records are checked for all but their head, where they are still kept.
 * Where they are not (a journal purges a segment whole, checkpoints and all), the first checkpoint
 * of a purged chain names one that is gone: it starts the series. That costs nothing: removing
 * checkpoints never hides a change to a record, only (at the end) records cut off, which is what
 * the checkpoint copy shows.
 */
final class CheckpointSeries {

    private final String chain;
    private final List<CheckpointPublicKey> keys;
    private final TreeMap<Long, Checkpoint> bySeq = new TreeMap<>();
    private final Map<Long, String> sources = new HashMap<>();
    private final Map<Long, String> rivals = new HashMap<>();
    private Checkpoint lastGood;
    private long verified;
    private long firstRecord = 1;

    CheckpointSeries(String chain, List<CheckpointPublicKey> keys) {
        this.chain = chain;
        this.keys = keys;
    }

    /** Says that the chain's records start at {@code seq}, those before it purged. */
    void startsAt(long seq) {
        firstRecord = seq;
    }

    /** Adds a checkpoint read from {@code source} (the export, the checkpoint copy). */
    void add(Checkpoint checkpoint, String source) {
        long seq = checkpoint.seq();
        Checkpoint known = bySeq.putIfAbsent(seq, checkpoint);
        if (known == null) {
            sources.put(seq, source);
        } else if (!known.hash().equals(checkpoint.hash())) {
            String other = source.equals(sources.get(seq)) ? "another one in the " + source
                    : "the one in the " + sources.get(seq);
            rivals.putIfAbsent(seq, "The " + source + " holds a checkpoint at record " + seq + " that differs from "
                    + other + ": one of them was re-signed or replaced.");
        }
    }

    /**
     * Checks every checkpoint up to record {@code seq} not checked yet; the one at {@code seq} itself
     * must have {@code head} as its head, when {@code head} is known.
     */
    Optional<Problem> through(long seq, String head) {
        if (seq <= lastGoodSeq()) {
            return Optional.empty();
        }
        for (Checkpoint checkpoint : List.copyOf(bySeq.subMap(lastGoodSeq(), false, seq, true).values())) {
            Optional<Problem> problem = check(checkpoint, checkpoint.seq() == seq ? head : null);
            if (problem.isPresent()) {
                return problem;
            }
            lastGood = checkpoint;
            verified++;
        }
        return Optional.empty();
    }

    private Optional<Problem> check(Checkpoint checkpoint, String head) {
        long seq = checkpoint.seq();
        if (rivals.containsKey(seq)) {
            return forged(seq, rivals.get(seq));
        }
        if (keys.stream().noneMatch(checkpoint::signedBy)) {
            return forged(seq, "The checkpoint at record " + seq + " (key id '" + checkpoint.key()
                    + "') is not signed by any of the given public keys: it was made or re-signed by someone else.");
        }
        String prev = lastGood == null ? Checkpoint.first() : lastGood.hash();
        boolean mayFollowPurged = lastGood == null && firstRecord > 1;
        if (!mayFollowPurged && !checkpoint.prev().equals(prev)) {
            return forged(seq, lastGood == null
                    ? "The checkpoint at record " + seq + " is the first one here, yet it names a checkpoint before"
                            + " it: an earlier checkpoint was removed."
                    : "The checkpoint at record " + seq + " does not link to the checkpoint at record "
                            + lastGood.seq() + ": a checkpoint between them was removed, or this one replaced.");
        }
        if (head != null && !checkpoint.head().equals(head)) {
            long from = Math.max(lastGoodSeq() + 1, firstRecord);
            return Optional.of(new Problem(Kind.REHASHED, chain, seq, 0, "Records " + from + " to " + seq
                    + " no longer end in the hash that the signed checkpoint at record " + seq
                    + " holds: a record among them was changed and the hashes after it recomputed."));
        }
        return Optional.empty();
    }

    private Optional<Problem> forged(long seq, String explanation) {
        return Optional.of(new Problem(Kind.FORGED_CHECKPOINT, chain, seq, 0, explanation));
    }

    /** The record the last good checkpoint names, 0 before the first. */
    private long lastGoodSeq() {
        return lastGood == null ? 0 : lastGood.seq();
    }

    /** The newest checkpoint signed at or before {@code time}, if any. */
    Optional<Checkpoint> newestSignedBy(Instant time) {
        return bySeq.descendingMap().values().stream().filter(checkpoint -> !checkpoint.time().isAfter(time))
                .findFirst();
    }

    /** The record the newest checkpoint up to record {@code seq} names, 0 when there is none. */
    long sealedThrough(long seq) {
        Long sealed = bySeq.floorKey(seq);
        return sealed == null ? 0 : sealed;
    }

    /** The record the last checkpoint verified so far names, 0 before the first. */
    long verifiedThrough() {
        return lastGoodSeq();
    }

    long verified() {
        return verified;
    }
}
