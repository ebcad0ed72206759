package org.sekimori.policy.model;

import java.util.Objects;

/**
 * One kind of data a data system holds about a person, named as it appears in the system's
 * records (a top-level field of its JSON).
 *
 * @param subjectKey whether this item identifies the subject within the data system (the record key)
 */
public record DataItem(String name, Classification classification, String description, boolean subjectKey) {

    public DataItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(description, "description");
    }
}
