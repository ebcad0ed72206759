package org.sekimori.gateway.elevation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Elevations in the directory's database. Deciding and ending are conditional updates: of two
 * decisions at once one holds; an administrator is elevated while an approved elevation of theirs
 * has not reached its end.
 */
final class Elevations {

    /** One elevation as stored. */
    record Elevation(String id, String administrator, String reason, int hours, String state, Instant requestedAt,
            Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> comment,
            Optional<Instant> endsAt) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("administrator", administrator);
            json.put("reason", reason);
            json.put("hours", hours);
            json.put("state", state);
            json.put("requestedAt", requestedAt.toString());
            decidedBy.ifPresent(by -> json.put("decidedBy", by));
            decidedAt.ifPresent(at -> json.put("decidedAt", at.toString()));
            comment.ifPresent(text -> json.put("comment", text));
            endsAt.ifPresent(at -> json.put("endsAt", at.toString()));
            return json;
        }
    }

    /** How long an elevation waits for a decision; after that it can no longer be approved. */
    static final java.time.Duration PENDING_FOR = java.time.Duration.ofHours(1);

    private static final String COLUMNS = "id, administrator, reason, hours, state, requested_at, decided_by, "
            + "decided_at, comment, ends_at";

    private final DataSource database;

    Elevations(DataSource database) {
        this.database = database;
    }

    void ask(Elevation elevation) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into elevations (" + COLUMNS + ") values (?, ?, ?, ?, 'pending', ?, null, null, null, null)")) {
            insert.setString(1, elevation.id());
            insert.setString(2, elevation.administrator());
            insert.setString(3, elevation.reason());
            insert.setInt(4, elevation.hours());
            insert.setObject(5, time(elevation.requestedAt()));
            insert.executeUpdate();
        }
    }

    /**
     * Approves or rejects a pending elevation of someone other than {@code decider}; an approved one
     * runs from {@code at} for its hours. False if it was not pending or is the decider's own.
     */
    boolean decide(String id, boolean approve, String decider, String comment, Instant at) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update elevations set state = ?, decided_by = ?, decided_at = ?, comment = ?, ends_at = "
                        + (approve ? "?" : "null") + " where id = ? and state = 'pending' and administrator <> ? "
                        + "and requested_at > ?")) {
            int parameter = 1;
            update.setString(parameter++, approve ? "approved" : "rejected");
            update.setString(parameter++, decider);
            update.setObject(parameter++, time(at));
            update.setString(parameter++, comment);
            if (approve) {
                Optional<Elevation> asked = find(id);
                update.setObject(parameter++, time(at.plusSeconds(3600L * asked.map(Elevation::hours).orElse(0))));
            }
            update.setString(parameter++, id);
            update.setString(parameter++, decider);
            // An elevation is asked for now, not for whenever someone approves it.
            update.setObject(parameter, time(at.minus(PENDING_FOR)));
            return update.executeUpdate() == 1;
        }
    }

    /** Ends an approved elevation before its time; false if it was not running. */
    boolean end(String id, Instant at) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update elevations set state = 'ended', ends_at = ? where id = ? and state = 'approved' "
                        + "and ends_at > ?")) {
            update.setObject(1, time(at));
            update.setString(2, id);
            update.setObject(3, time(at));
            return update.executeUpdate() == 1;
        }
    }

    /** Whether {@code administrator} is elevated at {@code at}. */
    boolean elevated(String administrator, Instant at) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select count(*) from elevations where administrator = ? and state = 'approved' and decided_at <= ? "
                        + "and ends_at > ?")) {
            select.setString(1, administrator);
            select.setObject(2, time(at));
            select.setObject(3, time(at));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }

    Optional<Elevation> find(String id) throws SQLException {
        return query(" where id = ?", id).stream().findFirst();
    }

    /** The newest first, at most a thousand. */
    List<Elevation> list() throws SQLException {
        return query(" order by requested_at desc, id limit 1000", null);
    }

    private List<Elevation> query(String where, String id) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from elevations" + where)) {
            if (id != null) {
                select.setString(1, id);
            }
            List<Elevation> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new Elevation(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                            row.getString(5), instant(row, 6).orElseThrow(), Optional.ofNullable(row.getString(7)),
                            instant(row, 8), Optional.ofNullable(row.getString(9)), instant(row, 10)));
                }
            }
            return found;
        }
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
