package org.sekimori.gateway.changes;

import java.time.Instant;
import java.util.Optional;

/**
 * A proposed change to a file of the configuration (the access policy, the directory): the whole
 * file before (the version in force when it was proposed) and after, who proposed it and why, and
 * what became of it.
 *
 * @param target the {@link ChangeTarget#name() name} of the file it changes
 */
record Change(String id, String target, String proposer, String reason, String baseVersion, String baseText,
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
