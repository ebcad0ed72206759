package org.sekimori.policy.mask;

/**
 * Turns a value into a keyed token. Implementations (in the keys module) use a secret key, so a
 * token cannot be reversed, or recomputed, by anyone who does not hold it.
 */
@FunctionalInterface
public interface Pseudonymiser {

    /** The token for {@code value}: the same for the same value within one data system, different across them. */
    String pseudonym(String dataSystem, String value);
}
