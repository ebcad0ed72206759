package org.sekimori.gateway.grants;

import java.util.Locale;

/** Where a grant request stands. Only an approved one gives access; every other end is final. */
public enum GrantRequestState {
    PENDING, APPROVED, REJECTED, WITHDRAWN, REVOKED, EXPIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GrantRequestState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
