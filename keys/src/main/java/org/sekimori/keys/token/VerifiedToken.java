package org.sekimori.keys.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    public Optional<String> subject() {
        return Optional.ofNullable(claims.getSubject());
    }

    /**
     * The strings at a dotted claim path such as {@code realm_access.roles}: one string, or the
     * strings of an array; empty when the path leads nowhere or to something else.
     */
    public List<String> strings(String path) {
        Object value = claims.getClaims();
        for (String step : path.split("\\.", -1)) {
            if (!(value instanceof Map<?, ?> object)) {
                return List.of();
            }
            value = object.get(step);
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> array) {
            array.stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
        }
        return List.copyOf(strings);
    }
}
