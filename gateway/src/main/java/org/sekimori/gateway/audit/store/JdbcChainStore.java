package org.sekimori.gateway.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The chain store in PostgreSQL, on a connection of its own; a commit is durable (synchronous_commit). */
public final class JdbcChainStore implements ChainStore {

    private static final String INSERT_RECORD = "insert into audit_record (chain, seq, recorded_at, event, handler, "
            + "data_system, action, purpose, decision, exception_invoked, prev, hash, body) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final JsonMapper json;
    private final int queryTimeoutSeconds;

    public JdbcChainStore(Connection connection, JsonMapper json, int queryTimeoutSeconds) {
        this.connection = connection;
        this.json = json;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    @Override
    public ChainHead head(String chain) throws SQLException {
        try {
            long seq = 0;
            String hash = ChainEntry.genesis();
            try (PreparedStatement last = prepare(
                    "select seq, hash from audit_record where chain = ? order by seq desc limit 1")) {
                last.setString(1, chain);
                try (ResultSet row = last.executeQuery()) {
                    if (row.next()) {
                        seq = row.getLong(1);
                        hash = row.getString(2);
                    }
                }
            }
            Optional<Checkpoint> checkpoint = Optional.empty();
            try (PreparedStatement last = prepare(
                    "select body from audit_checkpoint where chain = ? order by seq desc limit 1")) {
                last.setString(1, chain);
                try (ResultSet row = last.executeQuery()) {
                    if (row.next()) {
                        checkpoint = Optional.of(Checkpoint.fromJson(json.readTree(row.getString(1))));
                    }
                }
            }
            connection.commit();
            return new ChainHead(seq, hash, checkpoint);
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    @Override
    public void append(List<StoredEntry> entries, Optional<Checkpoint> checkpoint) throws SQLException {
        try {
            try (PreparedStatement records = prepare(INSERT_RECORD);
                    PreparedStatement subjects = prepare(
                            "insert into audit_subject (subject, chain, seq) values (?, ?, ?)")) {
                boolean anySubject = false;
                for (StoredEntry stored : entries) {
                    bindRecord(records, stored.entry());
                    records.addBatch();
                    for (String subject : new LinkedHashSet<>(stored.subjects())) {
                        subjects.setString(1, subject);
                        subjects.setString(2, stored.entry().chain());
                        subjects.setLong(3, stored.entry().seq());
                        subjects.addBatch();
                        anySubject = true;
                    }
                }
                records.executeBatch();
                if (anySubject) {
                    subjects.executeBatch();
                }
            }
            if (checkpoint.isPresent()) {
                insertCheckpoint(checkpoint.get());
            }
            commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /**
     * Deletes the records of {@code chain} up to {@code lastSeq} and appends {@code purgeRecord},
     * which says so, in one transaction. Checkpoints stay: they hold no personal data, and they keep
     * what remains verifiable.
     */
    @Override
    public int purge(String chain, long lastSeq, StoredEntry purgeRecord) throws SQLException {
        try {
            int deleted;
            try (PreparedStatement records = prepare("delete from audit_record where chain = ? and seq <= ?");
                    PreparedStatement subjects = prepare("delete from audit_subject where chain = ? and seq <= ?")) {
                subjects.setString(1, chain);
                subjects.setLong(2, lastSeq);
                subjects.executeUpdate();
                records.setString(1, chain);
                records.setLong(2, lastSeq);
                deleted = records.executeUpdate();
            }
            try (PreparedStatement records = prepare(INSERT_RECORD)) {
                bindRecord(records, purgeRecord.entry());
                records.executeUpdate();
            }
            commit();
            return deleted;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** A PostgreSQL advisory lock on the chain's name, held by this writer's connection. */
    @Override
    public void claim(String chain) throws SQLException {
        try (PreparedStatement lock = prepare("select pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "sekimori-audit-chain:" + chain);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                boolean taken = row.getBoolean(1);
                connection.commit();
                if (!taken) {
                    throw new SQLException("another gateway process writes chain '" + chain + "' in this database; "
                            + "give each instance its own sekimori.audit.chain");
                }
            }
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    @Override
    public Optional<long[]> purgeable(String chain, Instant cutoff) throws SQLException {
        try (PreparedStatement range = prepare("select min(seq), max(case when recorded_at < ? then seq end) "
                + "from audit_record where chain = ?")) {
            range.setTimestamp(1, Timestamp.from(cutoff));
            range.setString(2, chain);
            try (ResultSet row = range.executeQuery()) {
                row.next();
                long first = row.getLong(1);
                long last = row.getLong(2);
                boolean none = row.wasNull();
                connection.commit();
                return none ? Optional.empty() : Optional.of(new long[] {first, last});
            }
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    @Override
    public Optional<ChainEntry> entry(String chain, long seq) throws SQLException {
        try (PreparedStatement select = prepare("select prev, hash, body from audit_record where chain = ? and seq = ?")) {
            select.setString(1, chain);
            select.setLong(2, seq);
            try (ResultSet row = select.executeQuery()) {
                Optional<ChainEntry> found = row.next() ? Optional.of(new ChainEntry(chain, seq, row.getString(1),
                        row.getString(2), (ObjectNode) json.readTree(row.getString(3)))) : Optional.empty();
                connection.commit();
                return found;
            }
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    @Override
    public void probe(String chain, Instant now) throws SQLException {
        try {
            try (PreparedStatement update = prepare("update audit_probe set probed_at = ? where chain = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, chain);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = prepare(
                            "insert into audit_probe (chain, probed_at) values (?, ?)")) {
                        insert.setString(1, chain);
                        insert.setTimestamp(2, Timestamp.from(now));
                        insert.executeUpdate();
                    }
                }
            }
            commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private void insertCheckpoint(Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = prepare("insert into audit_checkpoint (chain, seq, body) values (?, ?, ?)")) {
            insert.setString(1, checkpoint.chain());
            insert.setLong(2, checkpoint.seq());
            insert.setString(3, json.writeValueAsString(checkpoint.toJson()));
            insert.executeUpdate();
        }
    }

    private void bindRecord(PreparedStatement insert, ChainEntry entry) throws SQLException {
        JsonNode record = entry.record();
        insert.setString(1, entry.chain());
        insert.setLong(2, entry.seq());
        insert.setTimestamp(3, Timestamp.from(Instant.parse(record.get("time").stringValue())));
        insert.setString(4, record.get("event").stringValue());
        text(insert, 5, record, "handler");
        text(insert, 6, record, "dataSystem");
        text(insert, 7, record, "action");
        text(insert, 8, record, "purpose");
        text(insert, 9, record, "decision");
        insert.setBoolean(10, record.has("exception"));
        insert.setString(11, entry.prev());
        insert.setString(12, entry.hash());
        insert.setString(13, json.writeValueAsString(record));
    }

    private static void text(PreparedStatement insert, int index, JsonNode record, String name) throws SQLException {
        JsonNode value = record.get(name);
        if (value == null || !value.isString()) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setString(index, value.stringValue());
        }
    }

    private void commit() throws SQLException {
        connection.commit();
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(queryTimeoutSeconds);
        return statement;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the writer opens a new one
        }
    }
}
