package org.sekimori.gateway.audit.chain;

/**
 * The first thing found wrong in an export, said so that an auditor can act on it: which chain and
 * record, what kind of tampering it shows, and one sentence of explanation.
 *
 * @param chain the chain, or null when the problem is a line that could not be read
 * @param seq the record's sequence number, or 0 when the problem is not at one record
 * @param line the line of the export it was found on, or 0 when it is not on one line of the export
 *     (a line of the checkpoint copy is named in the explanation)
 */
public record Problem(Kind kind, String chain, long seq, long line, String explanation) {

    /** What an export shows was done to it. */
    public enum Kind {
        /** A line is not JSON, or lacks a member a record or checkpoint must have. */
        MALFORMED,
        /** A record's content was changed: its hash no longer holds. */
        MODIFIED,
        /** A record is missing, and no purge record accounts for it. */
        DELETED,
        /** A record stands where another belongs: a second record with its number, or one that does not link. */
        INSERTED,
        /** A record is in the export, but not in its place. */
        REORDERED,
        /** The same record stands in the export more than once. */
        DUPLICATED,
        /** The export ends before records that a checkpoint says the chain held. */
        TRUNCATED,
        /** Records were changed and every hash after them recomputed: a signed checkpoint no longer matches. */
        REHASHED,
        /** A checkpoint that the keys did not sign, that does not link to the one before, or that has a rival. */
        FORGED_CHECKPOINT
    }

    static Problem unreadable(long line, String explanation) {
        return new Problem(Kind.MALFORMED, null, 0, line, explanation);
    }
}
