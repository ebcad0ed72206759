package org.sekimori.policy.mask;

import java.util.Objects;
import java.util.Set;

/**
 * Which records a handler may see at all: those whose {@code item} holds one of {@code values}
 * (a text value, or any element of an array value). Records outside are withheld like those of
 * subjects whose use is stopped.
 */
public record RecordScope(String item, Set<String> values) {

    /** Every record. */
    public static final RecordScope ALL = new RecordScope("", Set.of());

    public RecordScope {
        Objects.requireNonNull(item, "item");
        values = Set.copyOf(values);
    }

    public boolean everyRecord() {
        return item.isEmpty();
    }

    /** True when a record whose {@link #item()} holds {@code value} is in scope. */
    public boolean admits(String value) {
        return everyRecord() || value != null && values.contains(value);
    }
}
