package org.sekimori.gateway.audit;

import org.sekimori.gateway.audit.store.AuditDatabase;
import org.sekimori.gateway.audit.store.AuditSearch;
import org.sekimori.gateway.audit.store.ChainStore;
import org.sekimori.gateway.audit.store.JournalChainStore;
import org.sekimori.gateway.audit.store.JournalReader;
import org.sekimori.gateway.audit.store.TrailReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where records are kept: PostgreSQL when {@code sekimori.audit.url} names it, otherwise the
 * embedded journal in the data directory. Gives the record writer its sessions and auditors their reader.
 */
record AuditStore(ChainStore.Opener chains, TrailReader reader, AutoCloseable resources) implements AutoCloseable {

    static AuditStore open(AuditProperties properties, String chain, JsonMapper json) {
        if (properties.url() == null) {
            long segmentBytes = properties.journalSegmentSize().toBytes();
            return new AuditStore(() -> new JournalChainStore(properties.journal(), chain, json, segmentBytes),
                    new JournalReader(properties.journal(), json), () -> { });
        }
        AuditDatabase database = new AuditDatabase(properties.url(), properties.username(), properties.password(),
                (int) Math.max(1, properties.storeTimeout().toSeconds()));
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new IllegalStateException("The audit store at " + redacted(properties.url())
                    + " cannot be opened or its schema brought up to date (" + e.getClass().getSimpleName()
                    + "); the gateway does not start without somewhere to keep its records", e);
        }
        return new AuditStore(() -> database.openChainStore(json), new AuditSearch(database.readers(), json),
                database);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }

    /** The URL without its query, which may carry a password. */
    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

}
