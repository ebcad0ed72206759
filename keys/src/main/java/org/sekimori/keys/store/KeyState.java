package org.sekimori.keys.store;

import java.util.Arrays;
import java.util.Locale;

/** Where a key is in its life; a key only moves down this list. */
public enum KeyState {

    /** Makes new signatures or pseudonyms: exactly one key of a ring. */
    ACTIVE,
    /** Replaced by a newer key: what it made still verifies and can still be recomputed, but it makes nothing new. */
    VERIFY_ONLY,
    /** Its secret is destroyed. A signing key's public part is kept for ever, so what it signed still verifies. */
    RETIRED;

    /** As written in a ring file: {@code active}, {@code verify-only}, {@code retired}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static KeyState ofLabel(String label) {
        return Arrays.stream(values()).filter(state -> state.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key state '" + label + "'"));
    }
}
