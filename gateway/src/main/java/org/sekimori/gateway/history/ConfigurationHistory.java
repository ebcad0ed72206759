package org.sekimori.gateway.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.sekimori.gateway.changes.ChangeTarget;
import org.sekimori.gateway.grants.DirectoryStoreException;

/**
 * Every version of the policy and the directory put in force on an instance, and from when: what
 * the rights at a past moment are reconstructed from. A version is noted when it differs from the
 * last one this instance noted, so restarts on the same files add nothing.
 */
public final class ConfigurationHistory {

    /** A version and the moment it was put in force. */
    public record Version(ChangeTarget.Written written, Instant from) {
    }

    private final DataSource database;
    private final String origin;

    ConfigurationHistory(DataSource database, String origin) {
        this.database = database;
        this.origin = origin;
    }

    /** Notes that {@code written} is in force on this instance from {@code at}, unless it already was. */
    public void inForce(String target, ChangeTarget.Written written, Instant at) {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement last = connection.prepareStatement("select version from configuration_versions "
                    + "where target = ? and origin = ? order by seq desc limit 1")) {
                last.setString(1, target);
                last.setString(2, origin);
                try (ResultSet row = last.executeQuery()) {
                    if (row.next() && row.getString(1).equals(written.version())) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into configuration_versions "
                    + "(target, version, content, in_force_from, origin) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, target);
                insert.setString(2, written.version());
                insert.setString(3, written.text());
                insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(5, origin);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DirectoryStoreException(e);
        }
    }

    /** The version in force at {@code at}: the last put in force by then, on any instance. */
    public Optional<Version> at(String target, Instant at) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select version, content, in_force_from from configuration_versions where target = ? and "
                        + "in_force_from <= ? order by in_force_from desc, seq desc limit 1")) {
            select.setString(1, target);
            select.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Version(new ChangeTarget.Written(row.getString(1),
                        row.getString(2)), row.getObject(3, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        }
    }

    /** When the history of {@code target} starts, if it does. */
    public Optional<Instant> since(String target) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select min(in_force_from) from configuration_versions where target = ?")) {
            select.setString(1, target);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Optional.ofNullable(row.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
            }
        }
    }
}
