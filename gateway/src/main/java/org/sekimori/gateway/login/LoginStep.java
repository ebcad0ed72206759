package org.sekimori.gateway.login;

/** What a handler who gave the right password must still do before the session may reach data. */
public enum LoginStep {
    /** Give a code from the enrolled authenticator, or a recovery code. */
    SECOND_FACTOR,
    /** Enrol an authenticator: the policy requires a second factor of the handler's roles. */
    ENROL_SECOND_FACTOR,
    /** Replace the password: set by an administrator, or expired. */
    CHANGE_PASSWORD;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
