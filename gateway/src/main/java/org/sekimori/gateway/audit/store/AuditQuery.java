package org.sekimori.gateway.audit.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an auditor searches records by; every criterion optional, all of them must hold.
 *
 * @param subjects the pseudonyms a subject may carry, one per key still held (the gateway computes
 *     them from the identifier); a record carrying any of them matches. Empty: any subject
 * @param after the cursor of the last record of the previous page
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> handler,
        Optional<String> dataSystem, Optional<String> action, Optional<String> purpose, Optional<String> decision,
        Optional<Boolean> exception, Optional<String> event, List<String> subjects, Optional<Cursor> after,
        int limit) {

    public AuditQuery {
        subjects = List.copyOf(subjects);
    }

    /** Records in a period, of one handler and one event if given: what reports read, page after page. */
    public static AuditQuery period(Instant from, Optional<Instant> to, Optional<String> handler,
            Optional<Boolean> exception, Optional<String> event, int limit) {
        return new AuditQuery(Optional.of(from), to, handler, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), exception, event, List.of(), Optional.empty(), limit);
    }

    /** The same query for the page after {@code cursor}. */
    public AuditQuery after(Cursor cursor) {
        return new AuditQuery(from, to, handler, dataSystem, action, purpose, decision, exception, event, subjects,
                Optional.of(cursor), limit);
    }

    /** A place in the order records are listed in: time, then chain, then sequence number. */
    public record Cursor(Instant time, String chain, long seq) {
    }
}
