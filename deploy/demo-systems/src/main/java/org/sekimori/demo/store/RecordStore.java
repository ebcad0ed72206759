package org.sekimori.demo.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.IndexedColumn;
import org.sekimori.demo.system.IndexedColumn.SqlType;

/**
 * Keeps each record as its JSON document, plus copies of the filterable fields in indexed columns.
 * Storing the document whole means both systems share one table shape and one code path; the
 * copies make filters cheap. {@code seq} orders records (ids stop sorting as text once they widen).
 */
@Repository
public class RecordStore {

    private static final int BATCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final DemoDataSystem system;
    private final List<IndexedColumn> indexed;

    public RecordStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json,
            DemoDataSystem system) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.system = system;
        this.indexed = system.indexedColumns();
    }

    public void createTablesIfMissing() {
        StringBuilder table = new StringBuilder("CREATE TABLE IF NOT EXISTS records ("
                + "seq BIGINT PRIMARY KEY, id VARCHAR(32) NOT NULL UNIQUE, doc CHARACTER VARYING NOT NULL");
        indexed.forEach(c -> table.append(", ").append(c.column()).append(' ').append(c.type().ddl()));
        jdbc.execute(table.append(')').toString());
        indexed.forEach(c -> jdbc.execute(
                "CREATE INDEX IF NOT EXISTS records_" + c.column() + " ON records(" + c.column() + ")"));
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS record_numbers START WITH 1");
    }

    public long count() {
        return count(RecordQuery.everything());
    }

    public long count(RecordQuery query) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM records" + query.whereClause(), Long.class,
                query.values());
        return total == null ? 0 : total;
    }

    public List<JsonNode> page(RecordQuery query, long offset, int limit) {
        Object[] values = append(query.values(), limit, offset);
        return jdbc.query("SELECT doc FROM records" + query.whereClause() + " ORDER BY seq LIMIT ? OFFSET ?",
                (rs, row) -> json.readTree(rs.getString(1)), values);
    }

    /** Hands matching records to {@code action} one by one, in id order, without collecting them. */
    public void forEach(RecordQuery query, Consumer<JsonNode> action) {
        jdbc.query("SELECT doc FROM records" + query.whereClause() + " ORDER BY seq",
                (RowCallbackHandler) rs -> action.accept(json.readTree(rs.getString(1))), query.values());
    }

    public Optional<JsonNode> find(String id) {
        return jdbc.query("SELECT doc FROM records WHERE id = ?", (rs, row) -> json.readTree(rs.getString(1)), id)
                .stream().findFirst();
    }

    public boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT COUNT(*) > 0 FROM records WHERE id = ?",
                Boolean.class, id));
    }

    /** Takes the next number from the sequence, so an id is never handed out twice, even after a delete. */
    public ObjectNode insert(LongFunction<ObjectNode> recordForNumber) {
        Long number = jdbc.queryForObject("SELECT NEXT VALUE FOR record_numbers", Long.class);
        ObjectNode record = recordForNumber.apply(number);
        jdbc.update(insertSql(), insertValues(number, record));
        return record;
    }

    public boolean replace(String id, ObjectNode record) {
        StringBuilder sql = new StringBuilder("UPDATE records SET doc = ?");
        indexed.forEach(c -> sql.append(", ").append(c.column()).append(" = ?"));
        sql.append(" WHERE id = ?");
        List<Object> values = new ArrayList<>();
        values.add(json.writeValueAsString(record));
        indexed.forEach(c -> values.add(indexValue(c, record)));
        values.add(id);
        return jdbc.update(sql.toString(), values.toArray()) == 1;
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM records WHERE id = ?", id) == 1;
    }

    /**
     * Stores records whose ids already follow the system's format, in one transaction with batched
     * inserts (one round trip per {@value #BATCH_SIZE} rows), then moves the id sequence past them.
     */
    public void insertAll(Stream<ObjectNode> records) {
        transactions.executeWithoutResult(status -> {
            long highest = 0;
            List<Object[]> batch = new ArrayList<>(BATCH_SIZE);
            for (Iterator<ObjectNode> it = records.iterator(); it.hasNext(); ) {
                ObjectNode record = it.next();
                long number = system.ids().numberOf(record.get(system.schema().idField()).stringValue());
                highest = Math.max(highest, number);
                batch.add(insertValues(number, record));
                if (batch.size() == BATCH_SIZE) {
                    jdbc.batchUpdate(insertSql(), batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                jdbc.batchUpdate(insertSql(), batch);
            }
            jdbc.execute("ALTER SEQUENCE record_numbers RESTART WITH " + (highest + 1));
        });
    }

    private String insertSql() {
        StringBuilder columns = new StringBuilder("seq, id, doc");
        StringBuilder marks = new StringBuilder("?, ?, ?");
        indexed.forEach(c -> {
            columns.append(", ").append(c.column());
            marks.append(", ?");
        });
        return "INSERT INTO records (" + columns + ") VALUES (" + marks + ")";
    }

    private Object[] insertValues(long number, ObjectNode record) {
        List<Object> values = new ArrayList<>();
        values.add(number);
        values.add(record.get(system.schema().idField()).stringValue());
        values.add(json.writeValueAsString(record));
        indexed.forEach(c -> values.add(indexValue(c, record)));
        return values.toArray();
    }

    private static Object indexValue(IndexedColumn column, JsonNode record) {
        JsonNode value = record.at(column.jsonPointer());
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return column.type() == SqlType.INTEGER ? (Object) value.intValue() : value.stringValue();
    }

    private static Object[] append(Object[] values, Object... more) {
        Object[] all = new Object[values.length + more.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }
}
