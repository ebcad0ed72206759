package org.sekimori.policy.model;

import java.util.Objects;

/** A purpose of use registered and published for a data system; every access states one. */
public record Purpose(String id, String description) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}
