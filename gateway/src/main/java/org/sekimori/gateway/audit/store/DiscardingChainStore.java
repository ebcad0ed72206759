package org.sekimori.gateway.audit.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;

/**
 * Benchmarks only: a chain store that keeps nothing, so the load harness can measure what durable
 * records cost against the same gateway doing everything else. The gateway refuses it unless the
 * harness says it is benchmarking (see {@code AuditProperties}).
 */
public final class DiscardingChainStore implements ChainStore {

    @Override
    public ChainHead head(String chain) {
        return ChainHead.empty();
    }

    @Override
    public void append(List<StoredEntry> entries, Optional<Checkpoint> checkpoint) {
        // discarded
    }

    @Override
    public void probe(String chain, Instant now) {
        // always takes writes
    }

    @Override
    public void claim(String chain) {
        // nothing is written, so nothing can fork
    }

    @Override
    public Optional<long[]> purgeable(String chain, Instant cutoff) {
        return Optional.empty();
    }

    @Override
    public Optional<ChainEntry> entry(String chain, long seq) {
        return Optional.empty();
    }

    @Override
    public int purge(String chain, long lastSeq, StoredEntry purgeRecord) {
        return 0;
    }

    @Override
    public void close() {
        // nothing held
    }
}
