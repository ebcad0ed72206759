package org.sekimori.gateway.audit.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;

/**
 * Where the record writer appends one chain: a session with the store that the writer opens, uses
 * from its one thread, and closes after any failure. Every method is one transaction; when
 * {@link #append} returns, its records are durable.
 */
public interface ChainStore extends AutoCloseable {

    /**
     * Takes {@code chain} for this writer for as long as the session lasts; refused when another
     * process writes it, since two writers of one chain would fork it.
     */
    void claim(String chain) throws SQLException;

    ChainHead head(String chain) throws SQLException;

    void append(List<StoredEntry> entries, Optional<Checkpoint> checkpoint) throws SQLException;

    /** A write that commits nothing of value: proof that the store takes writes again. */
    void probe(String chain, Instant now) throws SQLException;

    /**
     * The first record of {@code chain} and the last one the store lists as made before
     * {@code cutoff}, if any. The store's listing is not hashed: the writer checks that record
     * against its hashed content before it purges anything.
     */
    Optional<long[]> purgeable(String chain, Instant cutoff) throws SQLException;

    /** One record as stored, empty when the store does not hold it. */
    Optional<ChainEntry> entry(String chain, long seq) throws SQLException;

    /** Deletes the records of {@code chain} up to {@code lastSeq} and appends {@code purgeRecord}, at once. */
    int purge(String chain, long lastSeq, StoredEntry purgeRecord) throws SQLException;

    @Override
    void close();

    /** Opens a session with the store. */
    @FunctionalInterface
    interface Opener {
        ChainStore open() throws SQLException;
    }
}
