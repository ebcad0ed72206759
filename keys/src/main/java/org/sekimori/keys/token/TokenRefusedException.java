package org.sekimori.keys.token;

/**
 * A bearer token that may not be used. Carries no stack trace: refusals are routine answers to
 * bad input, and an attacker can cause as many as they like.
 */
public final class TokenRefusedException extends RuntimeException {

    private final TokenRefusal refusal;

    public TokenRefusedException(TokenRefusal refusal) {
        this(refusal, refusal.message());
    }

    /** With a message more precise than the refusal's own, e.g. naming the missing claim. */
    public TokenRefusedException(TokenRefusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public TokenRefusal refusal() {
        return refusal;
    }
}
