package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

    static final ECKey GATEWAY = key("gateway-1");

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
        Files.writeString(dataDir.resolve("assertion-keys.json"), new JWKSet(GATEWAY.toPublicJWK()).toString());
        Instant now = Instant.now();

        assertThat(get(null)).isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.plusSeconds(60)))).isEqualTo(200);
        assertThat(get(sign(GATEWAY, "followup", now.plusSeconds(60)))).isEqualTo(401);
        assertThat(get(sign(GATEWAY, "registry", now.minusSeconds(120)))).isEqualTo(401);
        assertThat(get(sign(key("gateway-1"), "registry", now.plusSeconds(60)))).as("same id, other key")
                .isEqualTo(401);
        assertThat(get(hmac("registry", now.plusSeconds(60)))).isEqualTo(401);
        assertThat(get("not-a-token")).isEqualTo(401);
    }

    @Test
    void aRotatedKeyIsReadFromTheGatewaysFileWhenFirstSeen() throws Exception {
        ECKey rotated = key("gateway-2");
        Files.writeString(dataDir.resolve("assertion-keys.json"),
                new JWKSet(java.util.List.of(GATEWAY.toPublicJWK(), rotated.toPublicJWK())).toString());

        assertThat(get(sign(rotated, "registry", Instant.now().plusSeconds(60)))).isEqualTo(200);
    }

    private int get(String assertion) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/members?size=1"));
        if (assertion != null) {
            request.header("Sekimori-Assertion", assertion);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String sign(ECKey key, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("sekimori-assertion+jwt")).build(), claims(audience, expires));
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
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

    private static ECKey key(String id) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
