package org.sekimori.gateway.audit.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What an auditor searches records by; every criterion optional, all of them must hold.
 *
 * @param subject the pseudonym of a subject (the gateway computes it from the identifier)
 * @param after the cursor of the last record of the previous page
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> handler,
        Optional<String> dataSystem, Optional<String> action, Optional<String> purpose, Optional<String> decision,
        Optional<Boolean> exception, Optional<String> event, Optional<String> subject, Optional<Cursor> after,
        int limit) {

    /** A place in the order records are listed in: time, then chain, then sequence number. */
    public record Cursor(Instant time, String chain, long seq) {
    }
}
