package org.sekimori.keys.token;

import java.util.Locale;

/**
 * Why a bearer token was refused. The code goes into the audit record; the message is what the
 * client is told, and never repeats anything from the token.
 */
public enum TokenRefusal {
    MALFORMED("The bearer token is not a well-formed signed JWT."),
    UNSIGNED("The bearer token is not signed."),
    ALGORITHM("The bearer token's signature algorithm is not accepted."),
    EMBEDDED_KEY("The bearer token names its own key (jwk, jku, x5u or x5c); keys come only from the issuer's key set."),
    CRITICAL_HEADER("The bearer token has critical header parameters this gateway does not understand."),
    NOT_ACCESS_TOKEN("The bearer token is not an access token (an ID token, or another token type)."),
    UNKNOWN_ISSUER("The bearer token's issuer is not one this gateway accepts."),
    UNKNOWN_KEY("The bearer token is signed with a key its issuer does not publish."),
    KEYS_UNAVAILABLE("The token issuer's key set cannot be fetched now; try again later."),
    SIGNATURE("The bearer token's signature is not valid."),
    MISSING_CLAIM("The bearer token lacks a required claim."),
    EXPIRED("The bearer token has expired."),
    NOT_YET_VALID("The bearer token is not valid yet."),
    AUDIENCE("The bearer token is not meant for this gateway (aud)."),
    /** The token is valid but names no handler the gateway may accept. */
    UNKNOWN_SUBJECT("The bearer token's subject is not a handler of this gateway."),
    /** The subject's handler is disabled or past its access expiry. */
    SUBJECT_NOT_ACTIVE("The bearer token's subject is not a handler of this gateway."),
    /** A role the token carries needs a second factor, and the token does not show one. */
    MFA_REQUIRED("The roles in the bearer token require a login with a second factor (acr/amr).");

    private final String message;

    TokenRefusal(String message) {
        this.message = message;
    }

    /** The code in the audit record, e.g. {@code token-expired}. */
    public String code() {
        return "token-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String message() {
        return message;
    }
}
