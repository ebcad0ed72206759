package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.store.AuditQuery.Cursor;

/** What auditors read from the store: searches, single records, verifiable exports, checkpoints. */
public interface TrailReader {

    /** One page of the records {@code query} matches, oldest first; the page's cursor is its last record. */
    List<Found> search(AuditQuery query) throws SQLException, IOException;

    Optional<Found> record(String chain, long seq) throws SQLException, IOException;

    List<String> chains() throws SQLException, IOException;

    /**
     * Every record of {@code chain} in order with its checkpoints, each right after the record it
     * covers (checkpoints over purged records first): a verifiable export.
     */
    void export(String chain, Consumer<ChainEntry> records, Consumer<Checkpoint> checkpoints)
            throws SQLException, IOException;

    /** Every checkpoint of every chain, in order: what an operator copies somewhere else. */
    void checkpoints(Consumer<Checkpoint> checkpoints) throws SQLException, IOException;

    /** A record as found, with the cursor that continues a search after it. */
    record Found(ChainEntry entry, Cursor cursor) {
    }
}
