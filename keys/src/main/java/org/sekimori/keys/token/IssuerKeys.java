package org.sekimori.keys.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public signing keys an issuer publishes (its JWK set), each ready to verify with, so that a
 * token costs one signature check and no key decoding. Encryption keys and key types that cannot
 * sign with an accepted algorithm are left out; private parts, should a misconfigured issuer
 * publish them, are dropped.
 */
public final class IssuerKeys {

    private record SigningKey(JWK jwk, JWSVerifier verifier) {
    }

    private final List<SigningKey> keys;

    private IssuerKeys(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads a JWK set document; throws {@link IllegalArgumentException} if it is not one. */
    public static IssuerKeys parse(String jwkSetJson) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwkSetJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
        }
        List<SigningKey> keys = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            JWK publicKey = key.toPublicJWK();
            if (publicKey.getKeyUse() != null && !KeyUse.SIGNATURE.equals(publicKey.getKeyUse())) {
                continue;
            }
            verifier(publicKey).ifPresent(verifier -> keys.add(new SigningKey(publicKey, verifier)));
        }
        return new IssuerKeys(keys);
    }

    private static Optional<JWSVerifier> verifier(JWK key) {
        try {
            if (key instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
                return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
            }
            if (key instanceof com.nimbusds.jose.jwk.ECKey ec) {
                return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
            }
        } catch (JOSEException unusable) {
            // e.g. an EC curve the JDK cannot verify with: tokens signed with it find no key
        }
        return Optional.empty();
    }

    /** How many usable signing keys the set holds. */
    public int size() {
        return keys.size();
    }

    /**
     * The verifiers a token with this header may have been signed by: those whose key id, type,
     * curve, use and algorithm fit it.
     */
    List<JWSVerifier> candidates(JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        List<JWSVerifier> candidates = new ArrayList<>();
        if (matcher == null) {
            return candidates;
        }
        for (SigningKey key : keys) {
            if (matcher.matches(key.jwk())) {
                candidates.add(key.verifier());
            }
        }
        return candidates;
    }
}
