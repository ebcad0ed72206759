package org.sekimori.policy.model;

import java.util.Objects;

/**
 * A purpose of use registered and published for a data system; every access states one.
 *
 * @param consentRequired whether using sensitive items for this purpose needs each subject's consent
 */
public record Purpose(String id, String description, boolean consentRequired) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}
