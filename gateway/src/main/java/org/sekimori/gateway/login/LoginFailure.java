package org.sekimori.gateway.login;

/**
 * Why a login step failed, for the audit record only: the client sees the same answer for all
 * of the password failures, so that it cannot learn which user IDs exist or are locked.
 */
public enum LoginFailure {
    UNKNOWN_USER,
    BAD_PASSWORD,
    LOCKED,
    ADDRESS_BLOCKED,
    DISABLED,
    ACCESS_EXPIRED,
    MFA_FAILED,
    MFA_REPLAYED,
    RECOVERY_CODE_FAILED,
    PASSWORD_REJECTED;

    /** The code in the audit record, e.g. {@code bad-password}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
