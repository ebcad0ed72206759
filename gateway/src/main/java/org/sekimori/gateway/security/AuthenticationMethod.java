package org.sekimori.gateway.security;

/** How a handler proved who they are; the access record names it. */
public enum AuthenticationMethod {
    /** User ID and password against the gateway's directory (a second factor shows in {@code mfa}). */
    PASSWORD,
    /** A bearer access token from a configured issuer, or one the gateway issued. */
    BEARER,
    /** Login at an external OpenID Connect provider, mapped to a handler of the directory. */
    OIDC;

    /** The name used in records and answers. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
