package org.sekimori.gateway.reviews;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Findings of access reviews in the directory's database; the latest per handler and rule stands. */
final class AccessReviewStore {

    /** One finding: the grant confirmed, or to be revoked. */
    record Finding(String userId, String rule, String outcome, String reviewer, Instant at, String comment) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outcome", outcome);
            json.put("by", reviewer);
            json.put("at", at.toString());
            json.put("comment", comment);
            return json;
        }
    }

    private final DataSource database;

    AccessReviewStore(DataSource database) {
        this.database = database;
    }

    void add(Finding finding) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into access_reviews (user_id, rule, outcome, reviewer, reviewed_at, comment) "
                        + "values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, finding.userId());
            insert.setString(2, finding.rule());
            insert.setString(3, finding.outcome());
            insert.setString(4, finding.reviewer());
            insert.setObject(5, OffsetDateTime.ofInstant(finding.at(), ZoneOffset.UTC));
            insert.setString(6, finding.comment());
            insert.executeUpdate();
        }
    }

    /** The latest finding per handler and rule, keyed "userId rule". */
    Map<String, Finding> latest() throws SQLException {
        Map<String, Finding> latest = new HashMap<>();
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select user_id, rule, outcome, reviewer, reviewed_at, comment from access_reviews order by seq");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Finding finding = new Finding(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class).toInstant(), row.getString(6));
                latest.put(finding.userId() + " " + finding.rule(), finding);
            }
        }
        return latest;
    }
}
