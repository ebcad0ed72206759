package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A demo data system behind the gateway serves only requests carrying the gateway's assertion for
 * it: signed by a key in the gateway's key file (read again for a key it has not seen), typed,
 * for this system, not expired.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.demo.system=registry", "sekimori.demo.subjects=5"})
@DirtiesContext
class GatewayAssertionTest {

    /** A gateway key: the JDK's pair, and its public half as the JWK the gateway publishes. */
    record GatewayKey(KeyPair pair, OctetKeyPair jwk) {
    }

    static final GatewayKey GATEWAY = key("gateway-1");

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void behindTheGateway(DynamicPropertyRegistry registry) {
        registry.add("sekimori.demo.data-dir", () -> dataDir.toString());
        registry.add("sekimori.demo.assertion-keys", () -> dataDir.resolve("assertion-keys.json").toString());
    }

    @Test
    void onlyAValidAssertionForThisSystemIsServed() throws Exception {
        Files.writeString(dataDir.resolve("assertion-keys.json"), new JWKSet(GATEWAY.jwk()).toString());
        Instant now = Instant.now();

        assertThat(get(null)).isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.plusSeconds(60)))).isEqualTo(200);
        assertThat(get(sign(GATEWAY, "followup", now.plusSeconds(60)))).isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.minusSeconds(120)))).isEqualTo(401);
        assertThat(get(sign(key("gateway-1"), "registry", now.plusSeconds(60)))).as("same id, other key")
                .isEqualTo(401);
        assertThat(get(hmac("registry", now.plusSeconds(60)))).isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.plusSeconds(60), "DELETE", "/members")))
                .as("an assertion for another method").isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.plusSeconds(60), "GET", "/members/M000001")))
                .as("an assertion for another path").isEqualTo(401);
        assertThat(get("not-a-token")).isEqualTo(401);
    }

    @Test
    void aRotatedKeyIsReadFromTheGatewaysFileWhenFirstSeen() throws Exception {
        GatewayKey rotated = key("gateway-2");
        Files.writeString(dataDir.resolve("assertion-keys.json"),
                new JWKSet(java.util.List.of(GATEWAY.jwk(), rotated.jwk())).toString());

        assertThat(get(sign(rotated, "registry", Instant.now().plusSeconds(60)))).isEqualTo(200);
    }

    private int get(String assertion) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/members?size=1"));
        if (assertion != null) {
            request.header("Sekimori-Assertion", assertion);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String sign(GatewayKey key, String audience, Instant expires) throws Exception {
        return sign(key, audience, expires, "GET", "/members");
    }

    private static String sign(GatewayKey key, String audience, Instant expires, String method, String path)
            throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.jwk().getKeyID())
                .type(new JOSEObjectType("sekimori-assertion+jwt")).build(),
                new Payload(new JWTClaimsSet.Builder(claims(audience, expires)).claim("htm", method)
                        .claim("htu", path).build().toJSONObject()));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.pair().getPrivate());
        signature.update(jws.getSigningInput());
        return jws.getHeader().toBase64URL() + "." + jws.getPayload().toBase64URL() + "."
                + Base64URL.encode(signature.sign());
    }

    private static String hmac(String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gateway-1")
                .type(new JOSEObjectType("sekimori-assertion+jwt")).build(), claims(audience, expires));
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String audience, Instant expires) {
        return new JWTClaimsSet.Builder().subject("secretariat.yamada").audience(audience)
                .issueTime(Date.from(expires.minusSeconds(60))).expirationTime(Date.from(expires)).build();
    }

    private static GatewayKey key(String id) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded(); // X.509: the raw key is its last 32 bytes
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return new GatewayKey(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(id).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
