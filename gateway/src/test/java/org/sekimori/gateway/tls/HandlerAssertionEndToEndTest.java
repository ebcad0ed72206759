package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a data system learns of who is asking: the gateway's signed assertion, checked here as a
 * data system would, with the keys the gateway publishes; a client's own "assertion" never arrives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.tokens.issuer=https://sekimori.test"})
class HandlerAssertionEndToEndTest {

    @TempDir
    static Path dataDir;

    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        upstreams = RecordingUpstreams.start(properties, dataDir);
    }

    @AfterAll
    static void stop() {
        upstreams.close();
    }

    @BeforeEach
    void reset() {
        upstreams.registry().reset();
    }

    @Test
    void theDataSystemGetsTheHandlerPurposeAndDecisionSignedForItAloneAndNothingAClientForged() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration")
                .header("Sekimori-Assertion", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");

        HttpResponse<String> answer = secretariat.get("/systems/registry/members/M000001");

        assertThat(answer.statusCode()).isEqualTo(200);
        String sent = upstreams.registry().received().get(0).headers().getFirst("Sekimori-Assertion");
        SignedJWT assertion = SignedJWT.parse(sent);
        OctetKeyPair published = (OctetKeyPair) JWKSet.parse(new GatewayClient(port).get(HandlerAssertion.KEYS)
                .body()).getKeys().get(0);
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(verifies(assertion, published)).as("Ed25519 signature, checked by the JDK").isTrue();
        assertThat(assertion.getHeader().getType().getType()).isEqualTo("sekimori-assertion+jwt");
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://sekimori.test");
        assertThat(claims.getSubject()).isEqualTo("secretariat.yamada");
        assertThat(claims.getAudience()).containsExactly("registry");
        assertThat(claims.getStringListClaim("roles")).containsExactly("secretariat");
        assertThat(claims.getStringClaim("purpose")).isEqualTo("membership-administration");
        assertThat(claims.getClaim("exception")).isNull();
        assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
        assertThat(claims.getStringClaim("htu")).isEqualTo("/members/M000001");
        assertThat(claims.getJWTID()).isEqualTo(answer.headers().firstValue("Sekimori-Correlation-Id").orElseThrow());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(upstreams.registry().received().get(0).headers().get("Sekimori-Assertion")).hasSize(1);
    }

    private static boolean verifies(SignedJWT jwt, OctetKeyPair key) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(key.getDecodedX())))));
        signature.update(jwt.getSigningInput());
        return signature.verify(jwt.getSignature().decode());
    }

    @Test
    void aDeniedRequestSendsNothingAndTheKeysArePublicWithoutLogin() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("research");

        assertThat(secretariat.get("/systems/registry/members/M000001").statusCode()).isEqualTo(403);
        assertThat(upstreams.registry().received()).isEmpty();
        Map<String, Object> keys = JWKSet.parse(new GatewayClient(port).get(HandlerAssertion.KEYS).body())
                .toJSONObject();
        assertThat(keys.toString()).doesNotContain("\"d\"");
    }
}
