package org.sekimori.policy.model;

import java.util.Objects;

/**
 * Limits a grant to the records whose {@code item} holds one of the values the handler's directory
 * {@code attribute} lists: a nurse sees the people living in the municipalities they cover.
 */
public record RowScope(String item, String attribute) {

    public RowScope {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(attribute, "attribute");
    }
}
