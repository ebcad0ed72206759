package org.sekimori.gateway.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Changes of one configuration file in the directory's database, beside grant requests (whose
 * schema migration creates the table). Deciding is one conditional update, held open while an approved change is
 * applied: it commits only if the policy file was replaced, and of two decisions at once one holds.
 */
final class ChangeStore {

    private static final String COLUMNS = "id, target, proposer, reason, base_version, base_content, proposed_version, "
            + "proposed_content, state, proposed_at, decided_by, decided_at, decision_comment";

    /** What became of an attempt to decide a change. */
    sealed interface Decision {
    }

    record Done(Change change) implements Decision {
    }

    /** It was not pending (or the decider may not decide it): as it is now, if it exists. */
    record Refused(Optional<Change> now) implements Decision {
    }

    /** A step of a change that this instance made and has not yet written to its audit trail. */
    record Event(long seq, Change change, String kind, String actor, java.time.Instant at, String comment) {
    }

    private final DataSource database;
    private final String target;
    private final String origin;

    /** @param origin this instance's name in the steps it makes (its audit chain): it alone records them */
    ChangeStore(DataSource database, String target, String origin) {
        this.database = database;
        this.target = target;
        this.origin = origin;
    }

    void create(Change change) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into configuration_changes ("
                    + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null)")) {
                insert.setString(1, change.id());
                insert.setString(2, target);
                insert.setString(3, change.proposer());
                insert.setString(4, change.reason());
                insert.setString(5, change.baseVersion());
                insert.setString(6, change.baseText());
                insert.setString(7, change.proposedVersion());
                insert.setString(8, change.proposedText());
                insert.setString(9, change.state().label());
                insert.setObject(10, OffsetDateTime.ofInstant(change.proposedAt(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
            event(connection, change.id(), "proposed", change.proposer(), change.proposedAt(), null);
            connection.commit();
        }
    }

    Optional<Change> find(String id) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return find(connection, id);
        }
    }

    /** The newest first, at most a thousand. */
    List<Change> list() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from configuration_changes where target = ? order by proposed_at desc, id "
                        + "limit 1000")) {
            select.setString(1, target);
            return changes(select);
        }
    }

    /**
     * Moves a pending change to {@code to}. {@code byProposer}: only its proposer may (withdrawing),
     * otherwise only someone else (deciding). {@code apply} runs before the commit, on the change as
     * decided; if it throws, nothing is decided.
     */
    Decision decide(String id, Change.State to, boolean byProposer, String actor, String comment, Instant at,
            Function<Change, ?> apply) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("update configuration_changes set state = ?, "
                    + "decided_by = ?, decided_at = ?, decision_comment = ? where id = ? and target = ? and state = ? "
                    + "and proposer " + (byProposer ? "=" : "<>") + " ?")) {
                update.setString(1, to.label());
                update.setString(2, actor);
                update.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setString(4, comment);
                update.setString(5, id);
                update.setString(6, target);
                update.setString(7, Change.State.PENDING.label());
                update.setString(8, actor);
                if (update.executeUpdate() == 0) {
                    connection.rollback();
                    return new Refused(find(connection, id));
                }
            }
            Change decided = find(connection, id).orElseThrow();
            try {
                apply.apply(decided);
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
            event(connection, id, to == Change.State.APPLIED ? "applied" : to.label(), actor, at, comment);
            connection.commit();
            return new Done(decided);
        }
    }

    /** The steps this instance made of changes of this file that are not yet in its trail, oldest first. */
    List<Event> unrecorded() throws SQLException {
        List<Event> events = new ArrayList<>();
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select seq, change_id, kind, actor, at, comment from configuration_change_events where target = ? "
                        + "and origin = ? and recorded = false order by seq")) {
            select.setString(1, target);
            select.setString(2, origin);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(new Event(row.getLong(1), find(connection, row.getString(2)).orElseThrow(),
                            row.getString(3), row.getString(4), row.getObject(5, OffsetDateTime.class).toInstant(),
                            row.getString(6)));
                }
            }
        }
        return events;
    }

    void recorded(long seq) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update configuration_change_events set recorded = true where seq = ? and recorded = false")) {
            update.setLong(1, seq);
            update.executeUpdate();
        }
    }

    private void event(Connection connection, String id, String kind, String actor, java.time.Instant at,
            String comment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into configuration_change_events "
                + "(change_id, target, kind, actor, at, comment, origin) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, target);
            insert.setString(3, kind);
            insert.setString(4, actor);
            insert.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(6, comment);
            insert.setString(7, origin);
            insert.executeUpdate();
        }
    }

    /** Every applied change of this file, in the order they were approved. */
    List<Change> applied() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from configuration_changes where target = ? and state = ? "
                        + "order by decided_at, id")) {
            select.setString(1, target);
            select.setString(2, Change.State.APPLIED.label());
            return changes(select);
        }
    }

    private Optional<Change> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from configuration_changes where id = ? and target = ?")) {
            select.setString(1, id);
            select.setString(2, target);
            return changes(select).stream().findFirst();
        }
    }

    private static List<Change> changes(PreparedStatement select) throws SQLException {
        List<Change> found = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String by = row.getString("decided_by");
                Optional<Change.Decided> decided = by == null ? Optional.empty() : Optional.of(
                        new Change.Decided(by, row.getObject("decided_at", OffsetDateTime.class).toInstant(),
                                row.getString("decision_comment")));
                found.add(new Change(row.getString("id"), row.getString("target"), row.getString("proposer"),
                        row.getString("reason"),
                        row.getString("base_version"), row.getString("base_content"), row.getString("proposed_version"),
                        row.getString("proposed_content"), Change.State.of(row.getString("state")),
                        row.getObject("proposed_at", OffsetDateTime.class).toInstant(), decided));
            }
        }
        return found;
    }
}
