package org.sekimori.policy.model;

import java.util.Objects;
import java.util.Set;

/** A role handlers hold, and the exceptions a holder may invoke. */
public record Role(String id, String description, Set<String> exceptions) {

    public Role {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        exceptions = Set.copyOf(exceptions);
    }
}
