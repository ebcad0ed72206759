package org.sekimori.gateway.login;

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
import javax.sql.DataSource;
import org.sekimori.policy.model.Handler;

/**
 * Reads and changes credentials and login counters. Every change that depends on what is stored
 * (counting a failure, accepting a TOTP step, using a recovery code) is one conditional statement
 * or one locking transaction, so that instances sharing the database cannot both win a race.
 */
public final class CredentialStore {

    private static final String COLUMNS = "user_id, password_hash, password_changed_at, must_change_password, "
            + "failed_logins, locked_until, totp_secret, totp_last_step";

    private final DataSource database;

    public CredentialStore(DataSource database) {
        this.database = database;
    }

    /** Gives each handler of the directory its initial password, unless it has credentials already. */
    public int seed(List<Handler> handlers, Instant now) {
        return transaction(connection -> {
            int added = 0;
            for (Handler handler : handlers) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO handler_credentials "
                        + "(user_id, password_hash, password_changed_at, must_change_password) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM handler_credentials WHERE user_id = ?)")) {
                    insert.setString(1, handler.userId());
                    insert.setString(2, handler.passwordHash());
                    insert.setObject(3, time(now));
                    insert.setBoolean(4, handler.mustChangePassword());
                    insert.setString(5, handler.userId());
                    added += insert.executeUpdate();
                }
            }
            return added;
        });
    }

    public Optional<Credentials> find(String userId) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM handler_credentials WHERE user_id = ?")) {
                select.setString(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(credentials(row)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Counts a failed login against the account (when the user ID is known) and the client
     * address, locking whichever reaches its limit.
     */
    public FailureCount countFailure(Optional<String> userId, String address, Instant now,
            LoginProperties.Lockout lockout) {
        // Whole milliseconds, which every database keeps exactly, so the lock just set can be recognised.
        Instant until = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plus(lockout.duration());
        return transaction(connection -> {
            boolean accountLocked = false;
            if (userId.isPresent()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                        + "failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= ? "
                        + "AND (locked_until IS NULL OR locked_until <= ?) THEN ? ELSE locked_until END "
                        + "WHERE user_id = ?")) {
                    update.setInt(1, lockout.accountFailures());
                    update.setObject(2, time(now));
                    update.setObject(3, time(until));
                    update.setString(4, userId.get());
                    update.executeUpdate();
                }
                accountLocked = lockedNow(connection, "SELECT failed_logins, locked_until FROM handler_credentials "
                        + "WHERE user_id = ?", userId.get(), lockout.accountFailures(), until);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE address_failures SET "
                    + "failures = failures + 1, blocked_until = CASE WHEN failures + 1 >= ? "
                    + "AND (blocked_until IS NULL OR blocked_until <= ?) THEN ? ELSE blocked_until END "
                    + "WHERE address = ?")) {
                update.setInt(1, lockout.addressFailures());
                update.setObject(2, time(now));
                update.setObject(3, time(until));
                update.setString(4, address);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO address_failures (address, failures, blocked_until) VALUES (?, 1, ?)")) {
                        insert.setString(1, address);
                        insert.setObject(2, lockout.addressFailures() <= 1 ? time(until) : null);
                        insert.executeUpdate();
                    }
                }
            }
            boolean addressBlocked = lockedNow(connection, "SELECT failures, blocked_until FROM address_failures "
                    + "WHERE address = ?", address, lockout.addressFailures(), until);
            return new FailureCount(accountLocked, addressBlocked);
        });
    }

    /** Whether this failure is the one that set the lock (so the lockout is recorded once). */
    private static boolean lockedNow(Connection connection, String sql, String key, int limit, Instant until)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getInt(1) >= limit
                        && until.equals(instant(row.getObject(2, OffsetDateTime.class)).orElse(null));
            }
        }
    }

    /** Until when a client address is blocked, if it is. */
    public Optional<Instant> addressBlockedUntil(String address, Instant now) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT blocked_until FROM address_failures WHERE address = ? AND blocked_until > ?")) {
                select.setString(1, address);
                select.setObject(2, time(now));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? instant(row.getObject(1, OffsetDateTime.class)) : Optional.empty();
                }
            }
        });
    }

    /** A login succeeded: the account's and the address's counts of consecutive failures start again. */
    public void countSuccess(String userId, String address) {
        transaction(connection -> {
            update(connection, "UPDATE handler_credentials SET failed_logins = 0, locked_until = NULL "
                    + "WHERE user_id = ?", userId);
            update(connection, "DELETE FROM address_failures WHERE address = ?", address);
            return null;
        });
    }

    /** The hashes a new password may not match: the current one and the most recent earlier ones. */
    public List<String> recentPasswordHashes(String userId, int history) {
        return transaction(connection -> {
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT password_hash FROM password_history "
                    + "WHERE user_id = ? ORDER BY retired_at DESC LIMIT ?")) {
                select.setString(1, userId);
                select.setInt(2, Math.max(history - 1, 0));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.add(rows.getString(1));
                    }
                }
            }
            return hashes;
        });
    }

    /**
     * Forgets every credential of a handler removed from the directory, so that a user ID given
     * again later starts from its new entry, not from a password or authenticator of the past.
     */
    public void forget(String userId) {
        transaction(connection -> {
            update(connection, "DELETE FROM recovery_codes WHERE user_id = ?", userId);
            update(connection, "DELETE FROM password_history WHERE user_id = ?", userId);
            update(connection, "DELETE FROM handler_credentials WHERE user_id = ?", userId);
            return null;
        });
    }

    /** Ends an account's lockout and forgets its failed logins; false if it has no credentials. */
    public boolean unlock(String userId) {
        return transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                    + "failed_logins = 0, locked_until = NULL WHERE user_id = ?")) {
                update.setString(1, userId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** What became of a reset by an administrator. */
    public enum Reset {
        DONE,
        /** The handler has no credentials here. */
        UNKNOWN,
        /** The same administrator reset the other factor, which the handler has not replaced since. */
        OTHER_FACTOR_BY_SAME
    }

    /**
     * Forgets the handler's authenticator and recovery codes, so that the next login enrols a new
     * one; the last step used is kept, so no code of the old one is ever good again. Refused to the
     * administrator who reset the password the handler still has.
     */
    public Reset resetSecondFactor(String userId, String by) {
        return transaction(connection -> {
            Reset allowed = resettable(connection, userId, by, "password_reset_by");
            if (allowed != Reset.DONE) {
                return allowed;
            }
            update(connection, "DELETE FROM recovery_codes WHERE user_id = ?", userId);
            try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                    + "totp_secret = NULL, totp_enrolled_at = NULL, second_factor_reset_by = ? WHERE user_id = ?")) {
                update.setString(1, by);
                update.setString(2, userId);
                update.executeUpdate();
            }
            return Reset.DONE;
        });
    }

    /**
     * Sets a password an administrator hands over, which the handler must replace at their next
     * login; the old hash goes to the history and any lockout ends. Refused to the administrator who
     * reset the second factor the handler has not enrolled again since.
     */
    public Reset resetPassword(String userId, String newHash, Instant now, String by) {
        return transaction(connection -> {
            Reset allowed = resettable(connection, userId, by, "second_factor_reset_by");
            if (allowed != Reset.DONE) {
                return allowed;
            }
            replace(connection, userId, newHash, now, true);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE handler_credentials SET password_reset_by = ? WHERE user_id = ?")) {
                update.setString(1, by);
                update.setString(2, userId);
                update.executeUpdate();
            }
            return Reset.DONE;
        });
    }

    private static Reset resettable(Connection connection, String userId, String by, String otherColumn)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + otherColumn
                + " FROM handler_credentials WHERE user_id = ?")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Reset.UNKNOWN;
                }
                return by.equals(row.getString(1)) ? Reset.OTHER_FACTOR_BY_SAME : Reset.DONE;
            }
        }
    }

    /** Sets a new password, keeping the old hash in the history, and ends a first-login or expiry demand. */
    public void replacePassword(String userId, String newHash, Instant now) {
        transaction(connection -> replace(connection, userId, newHash, now, false));
    }

    private static boolean replace(Connection connection, String userId, String newHash, Instant now,
            boolean mustChange) throws SQLException {
        try (PreparedStatement retire = connection.prepareStatement("INSERT INTO password_history "
                + "(user_id, password_hash, retired_at) SELECT user_id, password_hash, ? FROM handler_credentials "
                + "WHERE user_id = ?")) {
            retire.setObject(1, time(now));
            retire.setString(2, userId);
            retire.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                + "password_hash = ?, password_changed_at = ?, must_change_password = ?"
                + (mustChange ? ", failed_logins = 0, locked_until = NULL" : ", password_reset_by = NULL")
                + " WHERE user_id = ?")) {
            update.setString(1, newHash);
            update.setObject(2, time(now));
            update.setBoolean(3, mustChange);
            update.setString(4, userId);
            return update.executeUpdate() == 1;
        }
    }

    /** Replaces the hash of the same password, made with the current Argon2id parameters. */
    public void rehash(String userId, String oldHash, String newHash) {
        transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE handler_credentials SET password_hash = ? WHERE user_id = ? AND password_hash = ?")) {
                update.setString(1, newHash);
                update.setString(2, userId);
                update.setString(3, oldHash);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Enrols a TOTP authenticator with fresh recovery codes, replacing any earlier ones. */
    public void enrolTotp(String userId, String sealedSecret, long confirmedStep, List<String> recoveryCodeHashes,
            Instant now) {
        transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                    + "totp_secret = ?, totp_enrolled_at = ?, totp_last_step = ?, second_factor_reset_by = NULL "
                    + "WHERE user_id = ?")) {
                update.setString(1, sealedSecret);
                update.setObject(2, time(now));
                update.setLong(3, confirmedStep);
                update.setString(4, userId);
                update.executeUpdate();
            }
            update(connection, "DELETE FROM recovery_codes WHERE user_id = ?", userId);
            for (String hash : recoveryCodeHashes) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")) {
                    insert.setString(1, userId);
                    insert.setString(2, hash);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Accepts a TOTP step once: false when it, or a later one, was accepted before (a replay). */
    public boolean useTotpStep(String userId, long step) {
        return transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE handler_credentials SET "
                    + "totp_last_step = ? WHERE user_id = ? AND totp_last_step < ?")) {
                update.setLong(1, step);
                update.setString(2, userId);
                update.setLong(3, step);
                return update.executeUpdate() == 1;
            }
        });
    }

    public List<String> unusedRecoveryCodeHashes(String userId) {
        return transaction(connection -> {
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT code_hash FROM recovery_codes WHERE user_id = ? AND used_at IS NULL")) {
                select.setString(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.add(rows.getString(1));
                    }
                }
            }
            return hashes;
        });
    }

    /** Uses a recovery code once: false when it was used already (by this or another instance). */
    public boolean useRecoveryCode(String userId, String codeHash, Instant now) {
        return transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE recovery_codes SET used_at = ? "
                    + "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")) {
                update.setObject(1, time(now));
                update.setString(2, userId);
                update.setString(3, codeHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static void update(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.executeUpdate();
        }
    }

    private static Credentials credentials(ResultSet row) throws SQLException {
        return new Credentials(row.getString(1), row.getString(2),
                instant(row.getObject(3, OffsetDateTime.class)).orElseThrow(), row.getBoolean(4), row.getInt(5),
                instant(row.getObject(6, OffsetDateTime.class)), Optional.ofNullable(row.getString(7)), row.getLong(8));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(OffsetDateTime time) {
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // SQL state only: the message of a failed statement can carry the values it was given.
            throw new CredentialStoreException("the credential store failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Whether this failure locked the account or blocked the address (each only once per lock). */
    public record FailureCount(boolean accountLocked, boolean addressBlocked) {
    }
}
