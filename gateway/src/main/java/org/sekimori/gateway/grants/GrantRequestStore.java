package org.sekimori.gateway.grants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grant requests and every change to them, in the directory's database (PostgreSQL, or the
 * embedded file). A change of state is one conditional update: of two administrators deciding the
 * same request at once exactly one changes it, and the other is told how it was decided. Each
 * change writes its event and, when it changes which grants are approved, moves the generation
 * every instance polls, all in one transaction.
 */
public final class GrantRequestStore {

    /** Who may move a request: only someone other than its requester (deciding), only the requester, anyone. */
    enum Mover { NOT_REQUESTER, REQUESTER, ANYONE }

    /** What became of an attempt to move a request. */
    sealed interface Moved {
    }

    record Done(GrantRequest request) implements Moved {
    }

    /** The request was not where the move starts from (or the mover may not move it): as it is now. */
    record Refused(Optional<GrantRequest> now) implements Moved {
    }

    private static final String COLUMNS = "id, requester, data_system, actions, purposes, items, last_day, ends_at, "
            + "reason, state, requested_at, decided_by, decided_at, decision_comment, ended_by, ended_at, end_comment";
    private static final int MAX_LISTED = 1000;
    private static final TypeReference<LinkedHashMap<String, String>> ITEMS = new TypeReference<>() {
    };

    private final DataSource database;
    private final JsonMapper json;
    private final String origin;

    /**
     * @param origin this instance's name in the events it makes (its audit chain): it alone writes
     *     them to its trail
     */
    GrantRequestStore(DataSource database, JsonMapper json, String origin) {
        this.database = database;
        this.json = json;
        this.origin = origin;
        // Beside the credential tables in the same database, with a history of its own.
        Flyway.configure().dataSource(database).locations("classpath:db/admin").table("admin_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    void create(GrantRequest request) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into grant_requests (" + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, null, null)")) {
                RequestedTerms terms = request.terms();
                insert.setString(1, request.id());
                insert.setString(2, request.requester());
                insert.setString(3, terms.dataSystem());
                insert.setString(4, String.join(",", terms.actions()));
                insert.setString(5, String.join(",", terms.purposes()));
                insert.setString(6, json.writeValueAsString(terms.items()));
                insert.setObject(7, terms.lastDay());
                insert.setObject(8, time(request.endsAt()));
                insert.setString(9, terms.reason());
                insert.setString(10, request.state().label());
                insert.setObject(11, time(request.requestedAt()));
                insert.executeUpdate();
            }
            event(connection, request.id(), request.requestedAt(), "requested", request.requester(), null,
                    GrantRequestState.PENDING, null);
            connection.commit();
        }
    }

    Optional<GrantRequest> find(String id) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return find(connection, id);
        }
    }

    /** The newest first, at most {@value #MAX_LISTED}; {@code requester} and {@code state} narrow it when given. */
    List<GrantRequest> list(Optional<String> requester, Optional<GrantRequestState> state) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from grant_requests where 1 = 1");
        requester.ifPresent(r -> sql.append(" and requester = ?"));
        state.ifPresent(s -> sql.append(" and state = ?"));
        sql.append(" order by requested_at desc, id limit " + MAX_LISTED);
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            if (requester.isPresent()) {
                select.setString(parameter++, requester.get());
            }
            if (state.isPresent()) {
                select.setString(parameter, state.get().label());
            }
            return requests(select);
        }
    }

    /** Every change to one request, oldest first. */
    List<GrantRequestEvent> history(String id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select seq, request_id, at, kind, actor, from_state, to_state, comment from grant_request_events "
                        + "where request_id = ? order by seq")) {
            select.setString(1, id);
            return events(select);
        }
    }

    /**
     * Moves a request from one state to another, if it is in {@code from} and {@code mover} allows
     * {@code actor}; a decision (approved, rejected) is noted as such, any other move as the end.
     */
    Moved move(String id, GrantRequestState from, GrantRequestState to, Mover mover, String actor, String comment,
            Instant at) throws SQLException {
        boolean decision = to == GrantRequestState.APPROVED || to == GrantRequestState.REJECTED;
        String noted = decision ? "decided_by = ?, decided_at = ?, decision_comment = ?"
                : "ended_by = ?, ended_at = ?, end_comment = ?";
        String who = switch (mover) {
            case NOT_REQUESTER -> " and requester <> ?";
            case REQUESTER -> " and requester = ?";
            case ANYONE -> "";
        };
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            int changed;
            try (PreparedStatement update = connection.prepareStatement("update grant_requests set state = ?, "
                    + noted + " where id = ? and state = ?" + who)) {
                update.setString(1, to.label());
                update.setString(2, actor);
                update.setObject(3, time(at));
                update.setString(4, comment);
                update.setString(5, id);
                update.setString(6, from.label());
                if (mover != Mover.ANYONE) {
                    update.setString(7, actor);
                }
                changed = update.executeUpdate();
            }
            if (changed == 0) {
                connection.rollback();
                return new Refused(find(connection, id));
            }
            event(connection, id, at, to.label(), actor, from, to, comment);
            if (from == GrantRequestState.APPROVED || to == GrantRequestState.APPROVED) {
                try (PreparedStatement bump = connection.prepareStatement(
                        "update grant_generation set generation = generation + 1 where id = 1")) {
                    bump.executeUpdate();
                }
            }
            GrantRequest moved = find(connection, id).orElseThrow();
            connection.commit();
            return new Done(moved);
        }
    }

    /** Revokes an approved request; false if it is not (or no longer) approved. */
    public boolean revoke(String id, String actor, String comment, Instant at) throws SQLException {
        return move(id, GrantRequestState.APPROVED, GrantRequestState.REVOKED, Mover.ANYONE, actor, comment, at)
                instanceof Done;
    }

    /** The approved requests whose grants have ended by {@code now}, to be moved to expired. */
    List<String> dueToExpire(Instant now) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select id from grant_requests where state = ? and ends_at <= ? order by ends_at")) {
            select.setString(1, GrantRequestState.APPROVED.label());
            select.setObject(2, time(now));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Moves whenever the set of approved grants changes. */
    long generation() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select generation from grant_generation where id = 1"); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    List<GrantRequest> approved() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from grant_requests where state = ? order by requested_at, id")) {
            select.setString(1, GrantRequestState.APPROVED.label());
            return requests(select);
        }
    }

    /**
     * The requests whose grants were in force at {@code at}: approved by then, and neither ended nor
     * past their last day; whatever became of them since.
     */
    public List<GrantRequest> inForceAt(Instant at) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from grant_requests where decided_at <= ? and ends_at > ? "
                        + "and state in (?, ?, ?) and (ended_at is null or ended_at > ?) order by requester, id")) {
            OffsetDateTime moment = time(at);
            select.setObject(1, moment);
            select.setObject(2, moment);
            select.setString(3, GrantRequestState.APPROVED.label());
            select.setString(4, GrantRequestState.REVOKED.label());
            select.setString(5, GrantRequestState.EXPIRED.label());
            select.setObject(6, moment);
            return requests(select);
        }
    }

    /** This instance's events not yet in its audit trail, oldest first. */
    List<GrantRequestEvent> unrecorded() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select seq, request_id, at, kind, actor, from_state, to_state, comment from grant_request_events "
                        + "where origin = ? and recorded = false order by seq")) {
            select.setString(1, origin);
            return events(select);
        }
    }

    void recorded(long seq) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update grant_request_events set recorded = true where seq = ? and recorded = false")) {
            update.setLong(1, seq);
            update.executeUpdate();
        }
    }

    private void event(Connection connection, String id, Instant at, String kind, String actor,
            GrantRequestState from, GrantRequestState to, String comment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into grant_request_events (request_id, "
                + "at, kind, actor, from_state, to_state, comment, origin) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, time(at));
            insert.setString(3, kind);
            insert.setString(4, actor);
            insert.setString(5, from == null ? null : from.label());
            insert.setString(6, to.label());
            insert.setString(7, comment);
            insert.setString(8, origin);
            insert.executeUpdate();
        }
    }

    private Optional<GrantRequest> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from grant_requests where id = ?")) {
            select.setString(1, id);
            return requests(select).stream().findFirst();
        }
    }

    private List<GrantRequest> requests(PreparedStatement select) throws SQLException {
        List<GrantRequest> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(request(rows));
            }
        }
        return found;
    }

    private GrantRequest request(ResultSet row) throws SQLException {
        Map<String, String> items = json.readValue(row.getString("items"), ITEMS);
        RequestedTerms terms = new RequestedTerms(row.getString("data_system"), names(row.getString("actions")),
                names(row.getString("purposes")), items, row.getObject("last_day", LocalDate.class),
                row.getString("reason"));
        return new GrantRequest(row.getString("id"), row.getString("requester"), terms, instant(row, "ends_at"),
                GrantRequestState.of(row.getString("state")), instant(row, "requested_at"),
                noted(row, "decided_by", "decided_at", "decision_comment"),
                noted(row, "ended_by", "ended_at", "end_comment"));
    }

    private static Optional<GrantRequest.Decided> noted(ResultSet row, String by, String at, String comment)
            throws SQLException {
        String who = row.getString(by);
        return who == null ? Optional.empty()
                : Optional.of(new GrantRequest.Decided(who, instant(row, at), row.getString(comment)));
    }

    private static List<GrantRequestEvent> events(PreparedStatement select) throws SQLException {
        List<GrantRequestEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String from = rows.getString("from_state");
                events.add(new GrantRequestEvent(rows.getLong("seq"), rows.getString("request_id"),
                        instant(rows, "at"), rows.getString("kind"), rows.getString("actor"),
                        Optional.ofNullable(from).map(GrantRequestState::of),
                        GrantRequestState.of(rows.getString("to_state")),
                        Optional.ofNullable(rows.getString("comment"))));
            }
        }
        return events;
    }

    private static List<String> names(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
