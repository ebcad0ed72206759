package org.sekimori.gateway.changes;

import java.time.Instant;
import java.util.Optional;

/**
 * A proposed change to the access policy: the whole policy file before (the version in force when
 * it was proposed) and after, who proposed it and why, and what became of it.
 */
record PolicyChange(String id, String proposer, String reason, String baseVersion, String baseText,
        String proposedVersion, String proposedText, State state, Instant proposedAt, Optional<Decided> decided) {

    enum State {
        PENDING, APPLIED, REJECTED, WITHDRAWN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Who approved, rejected or withdrew it, when, and what they wrote. */
    record Decided(String by, Instant at, String comment) {
    }
}
