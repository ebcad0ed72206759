package org.sekimori.gateway.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.store.AuditQuery.Cursor;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The read side of PostgreSQL for auditors. Blocking JDBC; callers run it off the event loop. */
public final class AuditSearch implements TrailReader {

    private static final String COLUMNS = "chain, seq, prev, hash, body, recorded_at";

    private final DataSource readers;
    private final JsonMapper json;

    public AuditSearch(DataSource readers, JsonMapper json) {
        this.readers = readers;
        this.json = json;
    }

    @Override
    public List<Found> search(AuditQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("select r.chain, r.seq, r.prev, r.hash, r.body, r.recorded_at "
                + "from audit_record r where 1 = 1");
        List<Object> values = new ArrayList<>();
        if (!query.subjects().isEmpty()) {
            sql.append(" and exists (select 1 from audit_subject s where s.subject in (")
                    .append(String.join(", ", Collections.nCopies(query.subjects().size(), "?")))
                    .append(") and s.chain = r.chain and s.seq = r.seq)");
            values.addAll(query.subjects());
        }
        query.from().ifPresent(from -> condition(sql, values, "r.recorded_at >= ?", Timestamp.from(from)));
        query.to().ifPresent(to -> condition(sql, values, "r.recorded_at < ?", Timestamp.from(to)));
        query.handler().ifPresent(value -> condition(sql, values, "r.handler = ?", value));
        query.dataSystem().ifPresent(value -> condition(sql, values, "r.data_system = ?", value));
        query.action().ifPresent(value -> condition(sql, values, "r.action = ?", value));
        query.purpose().ifPresent(value -> condition(sql, values, "r.purpose = ?", value));
        query.decision().ifPresent(value -> condition(sql, values, "r.decision = ?", value));
        query.exception().ifPresent(value -> condition(sql, values, "r.exception_invoked = ?", value));
        query.event().ifPresent(value -> condition(sql, values, "r.event = ?", value));
        query.after().ifPresent(cursor -> {
            Timestamp time = Timestamp.from(cursor.time());
            sql.append(" and (r.recorded_at > ? or (r.recorded_at = ? and (r.chain > ? or (r.chain = ? and r.seq > ?))))");
            values.addAll(List.of(time, time, cursor.chain(), cursor.chain(), cursor.seq()));
        });
        sql.append(" order by r.recorded_at, r.chain, r.seq limit ").append(query.limit());
        try (Connection connection = readers.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            List<Found> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(found(rows));
                }
            }
            return found;
        }
    }

    @Override
    public Optional<Found> record(String chain, long seq) throws SQLException {
        try (Connection connection = readers.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select " + COLUMNS + " from audit_record where chain = ? and seq = ?")) {
            select.setString(1, chain);
            select.setLong(2, seq);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(found(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<String> chains() throws SQLException {
        try (Connection connection = readers.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select distinct chain from audit_record union select distinct chain from audit_checkpoint "
                                + "order by 1");
                ResultSet rows = select.executeQuery()) {
            List<String> chains = new ArrayList<>();
            while (rows.next()) {
                chains.add(rows.getString(1));
            }
            return chains;
        }
    }

    @Override
    public void export(String chain, Consumer<ChainEntry> records, Consumer<Checkpoint> checkpoints)
            throws SQLException {
        try (Connection connection = readers.getConnection()) {
            connection.setAutoCommit(false); // lets PostgreSQL stream the rows with a cursor
            // Records and checkpoints from one snapshot: a checkpoint committed between the two reads
            // would otherwise seal records the export does not hold, and look like a cut-off trail.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement recordRows = stream(connection,
                    "select " + COLUMNS + " from audit_record where chain = ? order by seq", chain);
                    PreparedStatement checkpointRows = stream(connection,
                            "select seq, body from audit_checkpoint where chain = ? order by seq", chain);
                    ResultSet entries = recordRows.executeQuery();
                    ResultSet signed = checkpointRows.executeQuery()) {
                boolean moreCheckpoints = signed.next();
                while (entries.next()) {
                    ChainEntry entry = found(entries).entry();
                    while (moreCheckpoints && signed.getLong(1) < entry.seq()) {
                        checkpoints.accept(Checkpoint.fromJson(json.readTree(signed.getString(2))));
                        moreCheckpoints = signed.next();
                    }
                    records.accept(entry);
                }
                while (moreCheckpoints) {
                    checkpoints.accept(Checkpoint.fromJson(json.readTree(signed.getString(2))));
                    moreCheckpoints = signed.next();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    @Override
    public void checkpoints(Consumer<Checkpoint> checkpoints) throws SQLException {
        try (Connection connection = readers.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = stream(connection,
                    "select body from audit_checkpoint where chain >= ? order by chain, seq", "");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    checkpoints.accept(Checkpoint.fromJson(json.readTree(rows.getString(1))));
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private Found found(ResultSet rows) throws SQLException {
        ChainEntry entry = new ChainEntry(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                (ObjectNode) json.readTree(rows.getString(5)));
        return new Found(entry, new Cursor(rows.getTimestamp(6).toInstant(), entry.chain(), entry.seq()));
    }

    private static PreparedStatement stream(Connection connection, String sql, String chain) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(500);
        statement.setString(1, chain);
        return statement;
    }

    private static void condition(StringBuilder sql, List<Object> values, String condition, Object value) {
        sql.append(" and ").append(condition);
        values.add(value);
    }
}
