package org.sekimori.gateway.changes;

import java.util.List;
import org.sekimori.policy.load.ConfigurationError;

/**
 * A file of the gateway's configuration that changes only with a second administrator's approval
 * (the access policy, the directory of handlers): its text in force, a check of a proposed text,
 * and putting one in force.
 */
public interface ChangeTarget {

    /** "policy" or "directory": names its API ({@code /api/admin/<name>-changes}) and records. */
    String name();

    /** The file's name, for the diff. */
    String fileName();

    Written written();

    /** Every error {@code proposed} has; none if it could replace the text in force. */
    List<ConfigurationError> check(String proposed);

    /**
     * Puts {@code proposed} in force in place of the version {@code base}, the file replaced whole
     * and atomically.
     *
     * @return the version now in force
     * @throws StaleException when the version in force is no longer {@code base}
     * @throws org.sekimori.policy.load.ConfigurationException when the text has errors
     */
    String apply(String proposed, String base);

    /**
     * Calls {@code listener} with each version put in force from now on (after a change or a
     * reload), after the listeners added before it.
     */
    void whenInForce(java.util.function.Consumer<Written> listener);

    /** The version in force and the file's text it was read from. */
    record Written(String version, String text) {
    }

    /** The version in force is no longer the one a change was proposed against. */
    final class StaleException extends RuntimeException {

        public StaleException(String inForce) {
            super("the version in force is now " + inForce);
        }
    }
}
