package org.sekimori.gateway.audit.chain;

/**
 * What an intact chain holds: the records an auditor can rely on and how far the signed checkpoints
 * reach. Records after the last checkpoint are not yet sealed: they link to the records before
 * them, but nothing signed says they were all there, so the newest of them could have been cut off
 * (or appended) unseen. That is a note, not a failure: the next checkpoint seals them.
 *
 * @param firstSeq the first record in the export; records before it were purged by retention, and
 *     a purge record in the chain says so
 * @param checkpoints the checkpoints verified (signature, link to the one before, head where the
 *     record it names is in the export)
 * @param unsealed the records after the last checkpoint
 */
public record ChainSummary(String chain, long records, long firstSeq, long lastSeq, long checkpoints,
        long unsealed) {
}
