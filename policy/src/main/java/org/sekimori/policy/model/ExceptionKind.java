package org.sekimori.policy.model;

import java.util.Objects;

/**
 * A registered exception to the purpose limits (seed 004 Art.13(3), Art.18(1)), such as
 * protection of life, body or property. Invoking one needs a written justification.
 */
public record ExceptionKind(String id, String description) {

    public ExceptionKind {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}
