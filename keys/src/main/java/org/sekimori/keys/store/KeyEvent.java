package org.sekimori.keys.store;

/**
 * Something that happened to a key, for the audit trail: which key, of which ring, and the state it
 * is in afterwards. Never carries secret material.
 */
public record KeyEvent(Kind kind, KeyPurpose purpose, String keyId, KeyState state) {

    public enum Kind {
        /** A new key was made (the first of a ring, or by a rotation); it is active. */
        CREATED,
        /** A key file of an earlier version was taken into the key store under its id; it is active. */
        IMPORTED,
        /** A newer key took over: this one is verify-only. */
        ROTATED,
        /** The key's secret was destroyed. */
        RETIRED,
        /** The key's public part was handed out (as PEM). */
        PUBLIC_PART_EXPORTED
    }
}
