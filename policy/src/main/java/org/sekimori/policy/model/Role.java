package org.sekimori.policy.model;

import java.util.Objects;
import java.util.Set;

/**
 * A role handlers hold, the exceptions a holder may invoke, and whether its holders must log in
 * with a second factor (administrators, auditors, anyone shown sensitive items).
 */
public record Role(String id, String description, Set<String> exceptions, boolean requiresMfa) {

    public Role {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        exceptions = Set.copyOf(exceptions);
    }
}
