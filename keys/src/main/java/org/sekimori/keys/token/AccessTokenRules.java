package org.sekimori.keys.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one issuer's access tokens must satisfy.
 *
 * @param issuer the exact {@code iss} value
 * @param audiences the {@code aud} values meant for this gateway; a token must carry at least one
 * @param algorithms the signature algorithms accepted; only public-key ones, so that a public key
 *     can never be used as an HMAC secret
 * @param clockSkew how far the issuer's clock may be from ours
 * @param requiredClaims claims a token must carry besides {@code exp}, which is always required
 * @param requireAccessTokenType whether the header must say {@code typ: at+jwt} (RFC 9068), for an
 *     issuer that says so of every access token and of nothing else
 */
public record AccessTokenRules(String issuer, Set<String> audiences, Set<String> algorithms, Duration clockSkew,
        Set<String> requiredClaims, boolean requireAccessTokenType) {

    /** RSA (PKCS#1 v1.5 and PSS) and ECDSA: what identity providers sign access tokens with. */
    public static final Set<String> PUBLIC_KEY_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512");

    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    public AccessTokenRules {
        List<String> errors = new ArrayList<>();
        if (issuer == null || issuer.isBlank()) {
            errors.add("the issuer is missing");
        }
        if (audiences == null || audiences.isEmpty()) {
            errors.add("no audience is given: a token for any other service of the issuer would be accepted");
        }
        if (algorithms == null || algorithms.isEmpty()) {
            errors.add("no signature algorithm is allowed");
        } else {
            algorithms.stream().filter(algorithm -> !PUBLIC_KEY_ALGORITHMS.contains(algorithm)).sorted()
                    .forEach(algorithm -> errors.add("algorithm " + algorithm + " is not accepted; choose from "
                            + String.join(", ", PUBLIC_KEY_ALGORITHMS.stream().sorted().toList())));
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
            errors.add("the clock skew must be between 0 and " + MAX_SKEW.toMinutes() + " minutes");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        Set<String> required = new LinkedHashSet<>(requiredClaims == null ? Set.of() : requiredClaims);
        required.add("exp");
        requiredClaims = Set.copyOf(required);
    }

    boolean allows(JWSAlgorithm algorithm) {
        return algorithms.contains(algorithm.getName());
    }
}
