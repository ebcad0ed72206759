package org.sekimori.gateway.audit.chain;

import java.time.Instant;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.Problem.Kind;

/**
 * The second pass over one chain: its records in the order the export holds them, each checked
 * against the one before it (its number follows, it links to that record's hash, its own hash
 * holds) and, where a checkpoint names it, against the signed head. The first of a chain whose
 * oldest records were purged links to the hash its purge record gives for the last one removed.
 */
final class ChainWalk {

    private final ChainSurvey survey;
    private final String chain;
    private final CheckpointSeries checkpoints;
    private boolean started;
    private long expected;
    private String prevHash;
    private long walked;
    /** The purge record the chain starts after, when its oldest records were purged. */
    private Optional<ChainEntry> purge = Optional.empty();

    ChainWalk(ChainSurvey survey) {
        this.survey = survey;
        this.chain = survey.chain();
        this.checkpoints = survey.checkpoints();
    }

    /** Checks the next record of the chain in the export, found on {@code line}. */
    Optional<Problem> next(ChainEntry entry, long line) {
        if (!started) {
            started = true;
            Optional<Problem> problem = start();
            if (problem.isPresent()) {
                return problem;
            }
        }
        long seq = entry.seq();
        if (!entry.hashHolds()) {
            return problem(Kind.MODIFIED, seq, line, "Record " + seq
                    + " no longer hashes to the hash stored with it: its content was changed after it was written.");
        }
        if (survey.repeated(seq)) {
            return survey.identicalCopies(seq)
                    ? problem(Kind.DUPLICATED, seq, line, "Record " + seq + " stands in the export more than once.")
                    : problem(Kind.INSERTED, seq, line, "Two different records carry number " + seq
                            + ": one of them was made up and put in the chain.");
        }
        if (seq != expected) {
            return survey.seqs().contains(expected)
                    ? problem(Kind.REORDERED, expected, line, "Record " + seq + " stands where record " + expected
                            + " belongs, and record " + expected + " comes elsewhere in the export: records were moved.")
                    : problem(Kind.DELETED, expected, line, "Record " + expected + " is missing: record " + seq
                            + " follows record " + (expected - 1) + ".");
        }
        if (!entry.prev().equals(prevHash)) {
            return problem(Kind.INSERTED, seq, line, "Record " + seq + " does not link to the hash of the record"
                    + " before it: it was put in the place of the record that was there.");
        }
        prevHash = entry.hash();
        expected = seq + 1;
        walked++;
        return checkpoints.through(seq, prevHash);
    }

    /**
     * Where the chain starts: at record 1 on the genesis hash, or after records purged by retention,
     * on the hash the purge record gives for the last one removed.
     */
    private Optional<Problem> start() {
        expected = survey.seqs().first();
        checkpoints.startsAt(expected);
        if (expected == 1) {
            prevHash = ChainEntry.genesis();
        } else {
            purge = survey.purgeThrough(expected - 1);
            if (purge.isEmpty()) {
                long missing = survey.firstUnaccounted(expected);
                return problem(Kind.DELETED, missing, 0, "The chain starts at record " + expected
                        + ", and no purge record accounts for " + records(missing, expected - 1) + ".");
            }
            prevHash = purge.get().record().path("purged").path("head").asString();
        }
        return checkpoints.through(expected - 1, prevHash);
    }

    /**
     * After the last line: the checkpoints beyond the last record, which show the export cut short
     * when one was signed by {@code exportedAt} (a later one seals records made since the export).
     */
    Optional<Problem> finish(Instant exportedAt) {
        Optional<Problem> problem = checkpoints.through(Long.MAX_VALUE, null);
        if (problem.isPresent()) {
            return problem;
        }
        // Anyone can append a record saying records were purged; only a signed checkpoint over it
        // shows the gateway wrote it (the gateway seals each purge at once).
        if (purge.isPresent() && checkpoints.verifiedThrough() < purge.get().seq()) {
            long purgeSeq = purge.get().seq();
            return problem(Kind.DELETED, 1, 0, "The chain starts at record " + survey.seqs().first()
                    + ", and the only record that accounts for the ones before it, record " + purgeSeq
                    + ", is sealed by no checkpoint: it may have been added to hide records deleted from the store.");
        }
        long last = lastSeq();
        Optional<Checkpoint> newest = checkpoints.newestSignedBy(exportedAt);
        if (newest.isPresent() && newest.get().seq() > last) {
            long sealed = newest.get().seq();
            return problem(Kind.TRUNCATED, last + 1, 0, (walked == 0 ? "The export holds no record of the chain"
                    : "The export ends at record " + last) + ", but the checkpoint at record " + sealed + ", signed "
                    + newest.get().time() + ", says the chain held records up to " + sealed + ": "
                    + records(last + 1, sealed) + (sealed == last + 1 ? " was" : " were") + " cut off.");
        }
        return Optional.empty();
    }

    ChainSummary summary() {
        long first = survey.seqs().first();
        long last = lastSeq();
        return new ChainSummary(chain, walked, first, last, checkpoints.verified(),
                last - Math.max(first - 1, checkpoints.sealedThrough(last)));
    }

    private long lastSeq() {
        return walked == 0 ? 0 : expected - 1;
    }

    private static String records(long from, long to) {
        return from == to ? "record " + from : "records " + from + " to " + to;
    }

    private Optional<Problem> problem(Kind kind, long seq, long line, String explanation) {
        return Optional.of(new Problem(kind, chain, seq, line, explanation));
    }
}
