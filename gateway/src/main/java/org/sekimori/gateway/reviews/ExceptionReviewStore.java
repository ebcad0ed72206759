package org.sekimori.gateway.reviews;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Exception reviews in the directory's database; one per access record, the first one kept. */
public final class ExceptionReviewStore {

    private static final String SELECT = "select chain, seq, handler, exception, outcome, reviewer, reviewed_at, "
            + "comment from exception_reviews";

    private final DataSource database;

    ExceptionReviewStore(DataSource database) {
        this.database = database;
    }

    /** Stores the review; false, storing nothing, when the record was reviewed already. */
    boolean add(ExceptionReview review) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into exception_reviews (chain, seq, handler, exception, outcome, reviewer, reviewed_at, comment) "
                        + "select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from exception_reviews "
                        + "where chain = ? and seq = ?)")) {
            insert.setString(1, review.chain());
            insert.setLong(2, review.seq());
            insert.setString(3, review.handler());
            insert.setString(4, review.exception());
            insert.setString(5, review.outcome().label());
            insert.setString(6, review.reviewer());
            insert.setObject(7, OffsetDateTime.ofInstant(review.reviewedAt(), ZoneOffset.UTC));
            insert.setString(8, review.comment());
            insert.setString(9, review.chain());
            insert.setLong(10, review.seq());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // Two reviews of one record at once: the primary key kept the first.
                return false;
            }
            throw e;
        }
    }

    Optional<ExceptionReview> find(String chain, long seq) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                SELECT + " where chain = ? and seq = ?")) {
            select.setString(1, chain);
            select.setLong(2, seq);
            return reviews(select).values().stream().findFirst();
        }
    }

    /** Every review by its record's id (chain:seq). */
    public Map<String, ExceptionReview> all() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            return reviews(select);
        }
    }

    private static Map<String, ExceptionReview> reviews(PreparedStatement select) throws SQLException {
        Map<String, ExceptionReview> reviews = new HashMap<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                ExceptionReview review = new ExceptionReview(row.getString(1), row.getLong(2), row.getString(3),
                        row.getString(4), ExceptionReview.Outcome.of(row.getString(5)).orElseThrow(),
                        row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8));
                reviews.put(review.recordId(), review);
            }
        }
        return reviews;
    }
}
