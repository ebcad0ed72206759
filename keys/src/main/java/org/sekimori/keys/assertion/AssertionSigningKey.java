package org.sekimori.keys.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * The key the gateway signs its assertion of the handler with, on every request it sends to a
 * data system: Ed25519 (JWS {@code alg: EdDSA}), signed with Bouncy Castle in about 25 µs, where
 * the JDK's ECDSA P-256 takes about 370 µs on this gateway's machines (JMH
 * {@code AssertionSigningBenchmark}). Kept as a private JWK in an owner-only file made on first
 * start; its id is its RFC 7638 thumbprint.
 */
public final class AssertionSigningKey {

    /** The header type of the assertion, so that no other token of the gateway can pass for one. */
    public static final String TYPE = "sekimori-assertion+jwt";

    private final OctetKeyPair key;
    private final Ed25519PrivateKeyParameters privateKey;
    private final JWSHeader header;

    private AssertionSigningKey(OctetKeyPair key) {
        this.key = key;
        this.privateKey = new Ed25519PrivateKeyParameters(key.getDecodedD());
        this.header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).type(new JOSEObjectType(TYPE))
                .build();
    }

    public static AssertionSigningKey loadOrCreate(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                Ed25519PrivateKeyParameters created = new Ed25519PrivateKeyParameters(new SecureRandom());
                OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519,
                        Base64URL.encode(created.generatePublicKey().getEncoded()))
                        .d(Base64URL.encode(created.getEncoded())).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.EdDSA).keyIDFromThumbprint().build();
                OwnerOnlyFiles.create(file, jwk.toJSONString());
            }
            OctetKeyPair key = OctetKeyPair.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate() || !Curve.Ed25519.equals(key.getCurve())) {
                throw new IOException(file + " holds no Ed25519 private key");
            }
            return new AssertionSigningKey(key);
        } catch (ParseException | JOSEException e) {
            throw new IOException(file + " does not hold an Ed25519 private key as a JWK: " + e.getMessage(), e);
        }
    }

    /** A signed assertion carrying {@code claims}. */
    public String sign(JWTClaimsSet claims) {
        JWSObject jws = new JWSObject(header, new Payload(claims.toJSONObject()));
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] input = jws.getSigningInput();
        signer.update(input, 0, input.length);
        return jws.getHeader().toBase64URL() + "." + jws.getPayload().toBase64URL() + "."
                + Base64URL.encode(signer.generateSignature());
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
