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
 * Policy changes in the directory's database, beside grant requests (whose schema migration
 * creates the table). Deciding is one conditional update, held open while an approved change is
 * applied: it commits only if the policy file was replaced, and of two decisions at once one holds.
 */
final class PolicyChangeStore {

    private static final String COLUMNS = "id, proposer, reason, base_version, base_content, proposed_version, "
            + "proposed_content, state, proposed_at, decided_by, decided_at, decision_comment";

    /** What became of an attempt to decide a change. */
    sealed interface Decision {
    }

    record Done(PolicyChange change) implements Decision {
    }

    /** It was not pending (or the decider may not decide it): as it is now, if it exists. */
    record Refused(Optional<PolicyChange> now) implements Decision {
    }

    private final DataSource database;

    PolicyChangeStore(DataSource database) {
        this.database = database;
    }

    void create(PolicyChange change) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into policy_changes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null)")) {
            insert.setString(1, change.id());
            insert.setString(2, change.proposer());
            insert.setString(3, change.reason());
            insert.setString(4, change.baseVersion());
            insert.setString(5, change.baseText());
            insert.setString(6, change.proposedVersion());
            insert.setString(7, change.proposedText());
            insert.setString(8, change.state().label());
            insert.setObject(9, OffsetDateTime.ofInstant(change.proposedAt(), ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    Optional<PolicyChange> find(String id) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return find(connection, id);
        }
    }

    /** The newest first, at most a thousand. */
    List<PolicyChange> list() throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from policy_changes order by proposed_at desc, id limit 1000")) {
            return changes(select);
        }
    }

    /**
     * Moves a pending change to {@code to}. {@code byProposer}: only its proposer may (withdrawing),
     * otherwise only someone else (deciding). {@code apply} runs before the commit, on the change as
     * decided; if it throws, nothing is decided.
     */
    Decision decide(String id, PolicyChange.State to, boolean byProposer, String actor, String comment, Instant at,
            Function<PolicyChange, ?> apply) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("update policy_changes set state = ?, "
                    + "decided_by = ?, decided_at = ?, decision_comment = ? where id = ? and state = ? and proposer "
                    + (byProposer ? "=" : "<>") + " ?")) {
                update.setString(1, to.label());
                update.setString(2, actor);
                update.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setString(4, comment);
                update.setString(5, id);
                update.setString(6, PolicyChange.State.PENDING.label());
                update.setString(7, actor);
                if (update.executeUpdate() == 0) {
                    connection.rollback();
                    return new Refused(find(connection, id));
                }
            }
            PolicyChange decided = find(connection, id).orElseThrow();
            try {
                apply.apply(decided);
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
            connection.commit();
            return new Done(decided);
        }
    }

    private Optional<PolicyChange> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from policy_changes where id = ?")) {
            select.setString(1, id);
            return changes(select).stream().findFirst();
        }
    }

    private static List<PolicyChange> changes(PreparedStatement select) throws SQLException {
        List<PolicyChange> found = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String by = row.getString("decided_by");
                Optional<PolicyChange.Decided> decided = by == null ? Optional.empty() : Optional.of(
                        new PolicyChange.Decided(by, row.getObject("decided_at", OffsetDateTime.class).toInstant(),
                                row.getString("decision_comment")));
                found.add(new PolicyChange(row.getString("id"), row.getString("proposer"), row.getString("reason"),
                        row.getString("base_version"), row.getString("base_content"), row.getString("proposed_version"),
                        row.getString("proposed_content"), PolicyChange.State.of(row.getString("state")),
                        row.getObject("proposed_at", OffsetDateTime.class).toInstant(), decided));
            }
        }
        return found;
    }
}
