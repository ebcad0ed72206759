package org.sekimori.keys.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * The key the gateway signs its assertion of the handler with, on every request it sends to a
 * data system: ECDSA P-256 with ES256, a fraction of the cost of an RSA signature. Kept as a
 * private JWK in an owner-only file made on first start; its id is its RFC 7638 thumbprint.
 */
public final class AssertionSigningKey {

    /** The header type of the assertion, so that no other token of the gateway can pass for one. */
    public static final String TYPE = "sekimori-assertion+jwt";

    private final ECKey key;
    private final ECDSASigner signer;

    private AssertionSigningKey(ECKey key) throws JOSEException {
        this.key = key;
        this.signer = new ECDSASigner(key);
    }

    public static AssertionSigningKey loadOrCreate(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                ECKey created = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true).generate();
                OwnerOnlyFiles.create(file, created.toJSONString());
            }
            ECKey key = ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException(file + " holds no private key");
            }
            return new AssertionSigningKey(key);
        } catch (ParseException | JOSEException e) {
            throw new IOException(file + " does not hold an EC private key as a JWK: " + e.getMessage(), e);
        }
    }

    /** A signed assertion carrying {@code claims}. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(TYPE)).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the handler assertion failed", e);
        }
        return jwt.serialize();
    }

    /** The public half as a JWK set document, for data systems to verify with. */
    public Map<String, Object> publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    @Override
    public String toString() {
        return "AssertionSigningKey[" + key.getKeyID() + "]";
    }
}
