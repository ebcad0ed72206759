package org.sekimori.keys.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Optional;

/** The claims of a token whose signature, issuer, audience and validity period have been checked. */
public final class VerifiedToken {

    private final JWTClaimsSet claims;

    VerifiedToken(JWTClaimsSet claims) {
        this.claims = claims;
    }

    public String issuer() {
        return claims.getIssuer();
    }

    /** When the token stops being valid ({@code exp}, which every verified token has). */
    public java.time.Instant expiresAt() {
        return claims.getExpirationTime().toInstant();
    }

    /**
     * When the handler last authenticated ({@code auth_time}, OpenID Connect's claim, in seconds);
     * empty if the token does not say or says it in another form.
     */
    public Optional<java.time.Instant> authenticatedAt() {
        return claims.getClaim("auth_time") instanceof Number seconds
                ? Optional.of(java.time.Instant.ofEpochSecond(seconds.longValue())) : Optional.empty();
    }

    public Optional<String> subject() {
        return Optional.ofNullable(claims.getSubject());
    }

    /** The strings at a dotted claim path such as {@code realm_access.roles} (see {@link ClaimPaths}). */
    public List<String> strings(String path) {
        return ClaimPaths.strings(claims.getClaims(), path);
    }
}
