package org.sekimori.keys.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * The key the gateway signs the access tokens it issues with: RSA 2048 with RS256, whose
 * signatures are cheap to check on every request. Kept as a private JWK in a file readable by
 * its owner only, created on first start; its id is its RFC 7638 thumbprint.
 */
public final class TokenSigningKey {

    private final RSAKey key;
    private final RSASSASigner signer;

    private TokenSigningKey(RSAKey key) throws JOSEException {
        this.key = key;
        this.signer = new RSASSASigner(key);
    }

    public static TokenSigningKey loadOrCreate(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                RSAKey created = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
                OwnerOnlyFiles.create(file, created.toJSONString());
            }
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException(file + " holds no private key");
            }
            return new TokenSigningKey(key);
        } catch (ParseException | JOSEException e) {
            throw new IOException(file + " does not hold an RSA private key as a JWK: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    /**
     * An access token (RFC 9068 shape, {@code typ: at+jwt}) for {@code subject}, valid from
     * {@code issuedAt} until {@code expires}, with {@code other} claims besides the registered ones.
     */
    public String sign(String issuer, String subject, List<String> audience, Instant issuedAt, Instant expires,
            String tokenId, Map<String, Object> other) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(expires))
                .jwtID(tokenId);
        other.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return jwt.serialize();
    }

    /** The public half as a JWK set document, as clients and verifiers fetch it. */
    public String publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The public half, ready to verify the tokens this key signed. */
    public IssuerKeys verificationKeys() {
        return IssuerKeys.parse(publicJwkSet());
    }

    @Override
    public String toString() {
        return "TokenSigningKey[" + key.getKeyID() + "]";
    }
}
