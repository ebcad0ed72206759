package org.sekimori.gateway.audit.store;

import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;

/**
 * Where a chain ends in the store: its last sequence number and hash (0 and the genesis hash for a
 * chain with no record yet), and its last checkpoint.
 */
public record ChainHead(long seq, String hash, Optional<Checkpoint> checkpoint) {

    public static ChainHead empty() {
        return new ChainHead(0, ChainEntry.genesis(), Optional.empty());
    }

    /** The hash the next checkpoint's {@code prev} must carry. */
    public String checkpointHash() {
        return checkpoint.map(Checkpoint::hash).orElse(Checkpoint.first());
    }
}
