package org.sekimori.gateway.login;

import java.time.Instant;
import java.util.Optional;

/**
 * What a handler has proven and how their logins are going. Holds hashes and a sealed secret,
 * never a password; {@link #toString()} shows none of them.
 *
 * @param sealedTotpSecret the TOTP secret sealed under the login key, when enrolled
 * @param totpLastStep the last TOTP time step accepted; codes of it or earlier are replays
 */
public record Credentials(String userId, String passwordHash, Instant passwordChangedAt, boolean mustChangePassword,
        int failedLogins, Optional<Instant> lockedUntil, Optional<String> sealedTotpSecret, long totpLastStep) {

    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }

    public boolean mfaEnrolled() {
        return sealedTotpSecret.isPresent();
    }

    @Override
    public String toString() {
        return "Credentials[userId=" + userId + ", failedLogins=" + failedLogins + ", lockedUntil=" + lockedUntil
                + ", mfaEnrolled=" + mfaEnrolled() + "]";
    }
}
