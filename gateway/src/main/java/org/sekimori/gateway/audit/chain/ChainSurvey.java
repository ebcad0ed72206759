package org.sekimori.gateway.audit.chain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.keys.CheckpointPublicKey;
import tools.jackson.databind.JsonNode;

/**
 * What a first pass over an export learns of one chain, so that the second pass can tell one kind
 * of tampering from another: which records are present (a missing one found later was moved, one
 * found nowhere was deleted), which stand more than once and whether their copies are the same, the
 * checkpoints, and the purge records that account for records removed by retention.
 */
final class ChainSurvey {

    private final String chain;
    private final SeqRanges seqs = new SeqRanges();
    private final Set<Long> repeated = new HashSet<>();
    private final Map<Long, Set<String>> copies = new HashMap<>();
    /** By the last record each removed: the purge record that says so. */
    private final Map<Long, ChainEntry> purges = new HashMap<>();
    private final CheckpointSeries checkpoints;

    ChainSurvey(String chain, List<CheckpointPublicKey> keys) {
        this.chain = chain;
        this.checkpoints = new CheckpointSeries(chain, keys);
    }

    void entry(ChainEntry entry) {
        if (!seqs.add(entry.seq())) {
            repeated.add(entry.seq());
        }
        JsonNode purged = entry.record().get("purged");
        if ("purge".equals(entry.record().path("event").asString(null)) && purged != null && purged.isObject()) {
            JsonNode to = purged.get("to");
            JsonNode head = purged.get("head");
            if (to != null && to.isIntegralNumber() && to.canConvertToLong() && head != null && head.isString()) {
                purges.putIfAbsent(to.longValue(), entry);
            }
        }
    }

    /**
     * Notes one copy of a record whose number stands more than once (a third pass, only when there
     * is one): copies are the same when they hold and carry the same hash.
     */
    void copy(ChainEntry entry, long line) {
        if (repeated.contains(entry.seq())) {
            copies.computeIfAbsent(entry.seq(), seq -> new HashSet<>())
                    .add(entry.hashHolds() ? entry.hash() : "changed copy on line " + line);
        }
    }

    String chain() {
        return chain;
    }

    SeqRanges seqs() {
        return seqs;
    }

    boolean hasRepeats() {
        return !repeated.isEmpty();
    }

    boolean repeated(long seq) {
        return repeated.contains(seq);
    }

    boolean identicalCopies(long seq) {
        return copies.getOrDefault(seq, Set.of()).size() == 1;
    }

    /** The purge record that removed records up to {@code seq}, if one does. */
    Optional<ChainEntry> purgeThrough(long seq) {
        return Optional.ofNullable(purges.get(seq));
    }

    /** The first record no purge record accounts for, counting from 1, before {@code firstSeq}. */
    long firstUnaccounted(long firstSeq) {
        return purges.keySet().stream().filter(to -> to < firstSeq).mapToLong(to -> to + 1).max().orElse(1);
    }

    CheckpointSeries checkpoints() {
        return checkpoints;
    }
}
