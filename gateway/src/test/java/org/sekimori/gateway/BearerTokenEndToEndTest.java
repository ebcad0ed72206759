package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.gateway.support.TokenIssuerStub;
import org.sekimori.keys.PasswordHasher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * API clients with access tokens from external issuers, through the running gateway: a valid
 * token reaches a data system as its directory handler with no session, every attack token of
 * the issue is refused with its reason in the access record, keys rotate, an auto-provisioned
 * subject needs a second factor for a role that requires one, and no token lands in any record
 * or log line. The issuers are local stubs, because a real provider never signs attack tokens;
 * {@code KeycloakInteroperabilityTest} does the same against a real Keycloak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "management.server.port=0"})
@Import(SettableClock.InGateway.class)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerTokenEndToEndTest {

    static final String PREFECTURE = "https://idp.pref.example/realms/health";
    static final String PARTNER = "https://idp.partner.example/realms/research";
    static final String UNREACHABLE = "https://idp.down.example/realms/any";
    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String KIMURA = "7d1c5e2a-nurse-kimura";
    static final List<String> TOKENS = new ArrayList<>();

    @TempDir
    static Path dataDir;

    static DemoSystems demo;
    static TokenIssuerStub prefecture;
    static TokenIssuerStub partner;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        CLOCK.set("2026-11-24T10:00:00+09:00");
        prefecture = new TokenIssuerStub(PREFECTURE, CLOCK);
        partner = new TokenIssuerStub(PARTNER, CLOCK);
        demo = DemoSystems.start(properties, dataDir);
        // One source for the whole list: Spring binds a list from the highest-ranked source that has it.
        Map<String, Object> issuers = new LinkedHashMap<>();
        issuers.put("[0].issuer", PREFECTURE);
        issuers.put("[0].jwk-set-uri", prefecture.jwkSetUri());
        issuers.put("[0].roles-claim", "realm_access.roles");
        issuers.put("[1].issuer", PARTNER);
        issuers.put("[1].jwk-set-uri", partner.jwkSetUri());
        issuers.put("[1].roles-claim", "realm_access.roles");
        issuers.put("[1].user-id-claim", "preferred_username");
        issuers.put("[1].auto-provision", "true");
        issuers.put("[1].user-id-suffix", "@partner");
        issuers.put("[2].issuer", UNREACHABLE);
        issuers.put("[2].jwk-set-uri", "http://127.0.0.1:1/certs");
        for (int i = 0; i < 3; i++) {
            issuers.put("[" + i + "].audiences", "sekimori");
        }
        issuers.forEach((key, value) -> properties.add("sekimori.auth.issuers" + key, value::toString));
        String hash = PasswordHasher.recommended().hash("unused-password-2026".toCharArray());
        Path directory = dataDir.resolve("directory.yaml");
        Files.writeString(directory, Files.readString(Path.of("../deploy/demo/directory.yaml")) + """
                  - userId: nurse.kimura
                    displayName: Kimura Rin
                    roles: [nurse]
                    attributes:
                      areas: [相馬市, 南相馬市, 新地町]
                    passwordHash: "%1$s"
                    externalIdentities:
                      - issuer: %2$s
                        subject: %3$s
                  - userId: nurse.retired
                    displayName: Honda Mei
                    roles: [nurse]
                    status: disabled
                    passwordHash: "%1$s"
                    externalIdentities:
                      - issuer: %2$s
                        subject: 0b9e-nurse-retired
                """.formatted(hash, PREFECTURE, KIMURA));
        properties.add("sekimori.directory", directory::toString);
    }

    @BeforeEach
    void officeHours() {
        CLOCK.set("2026-11-24T10:00:00+09:00");
    }

    @AfterAll
    static void stop() {
        demo.close();
        prefecture.close();
        partner.close();
    }

    @Test
    @Order(1)
    void validTokenOfAListedSubjectReachesDataAsItsHandlerWithRolesNarrowedAndNoSession() throws Exception {
        String token = remember(prefecture.sign(prefecture.claims(KIMURA, List.of("nurse", "administrator",
                "offline_access")).build()));
        GatewayClient client = new GatewayClient(port).purpose("follow-up-care");

        HttpResponse<String> record = bearer(client, token, "/systems/followup/subjects/F00001");
        HttpResponse<String> session = bearer(client, token, "/api/session");

        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        assertThat(GatewayClient.json(record).path("id").asString()).isEqualTo("F00001");
        assertThat(record.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(session.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode who = GatewayClient.json(session);
        assertThat(who.path("userId").asString()).isEqualTo("nurse.kimura");
        assertThat(who.path("authentication").asString()).isEqualTo("bearer");
        assertThat(who.path("roles").toString()).isEqualTo("[\"nurse\"]");
        assertThat(who.has("csrfToken")).isFalse();
        assertThat(AuditJournal.records(dataDir)).anySatisfy(access -> {
            assertThat(access.path("event").asString()).isEqualTo("access");
            assertThat(access.path("handler").asString()).isEqualTo("nurse.kimura");
            assertThat(access.path("authentication").asString()).isEqualTo("bearer");
            assertThat(access.path("dataSystem").asString()).isEqualTo("followup");
            assertThat(access.path("status").asInt()).isEqualTo(200);
        });
    }

    @Test
    @Order(2)
    void everyAttackTokenIsRefusedWithItsReasonRecordedAndNoKeyUrlFollowed() throws Exception {
        RSAKey attacker = TokenIssuerStub.generate("key-1");
        JWTClaimsSet valid = prefecture.claims(KIMURA, List.of("nurse")).build();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(new PlainJWT(valid).serialize(), "token-unsigned");
        expected.put(hmacWithThePublicKey(valid), "token-algorithm");
        expected.put(prefecture.sign(valid, header -> header.jwk(attacker.toPublicJWK()), attacker),
                "token-embedded-key");
        expected.put(prefecture.sign(valid, header -> header.jwkURL(prefecture.url("/attacker-keys")), attacker),
                "token-embedded-key");
        expected.put(prefecture.sign(valid, header -> header.x509CertURL(prefecture.url("/attacker-cert")), attacker),
                "token-embedded-key");
        expected.put(prefecture.sign(valid, header -> header, attacker), "token-signature");
        expected.put(flipSignatureByte(prefecture.sign(valid)), "token-signature");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid).expirationTime(null).build()),
                "token-missing-claim");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid).notBeforeTime(null).build()),
                "token-missing-claim");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid)
                .expirationTime(Date.from(CLOCK.instant().minusSeconds(120))).build()), "token-expired");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid)
                .notBeforeTime(Date.from(CLOCK.instant().plusSeconds(600))).build()), "token-not-yet-valid");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid).audience("account").build()), "token-audience");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid).issuer("https://idp.evil.example/realms/health")
                .build()), "token-unknown-issuer");
        expected.put(prefecture.sign(new JWTClaimsSet.Builder(valid).claim("typ", "ID").claim("at_hash", "x2Fk")
                .build()), "token-not-access-token");
        expected.put(prefecture.sign(prefecture.claims("4f00-unknown", List.of("nurse")).build()),
                "token-unknown-subject");
        expected.put(prefecture.sign(prefecture.claims("0b9e-nurse-retired", List.of("nurse")).build()),
                "token-subject-not-active");
        expected.put("not.a-token", "token-malformed");
        expected.keySet().forEach(BearerTokenEndToEndTest::remember);
        GatewayClient client = new GatewayClient(port).purpose("follow-up-care");

        for (Map.Entry<String, String> attack : expected.entrySet()) {
            HttpResponse<String> refused = bearer(client, attack.getKey(), "/systems/followup/subjects/F00001");
            assertThat(refused.statusCode()).as(attack.getValue()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                    .as(attack.getValue()).startsWith("Bearer realm=\"sekimori\", error=\"invalid_token\"");
            assertThat(GatewayClient.json(refused).path("message").asString()).as(attack.getValue())
                    .startsWith("The bearer token");
        }

        assertThat(AuditJournal.failures(dataDir, "access")).containsAll(expected.values());
        assertThat(prefecture.fetches("/attacker-keys")).isZero();
        assertThat(prefecture.fetches("/attacker-cert")).isZero();
    }

    @Test
    @Order(3)
    void autoProvisionedSubjectActsUnderItsUserIdWithTheIssuersSuffixAndItsSecondFactorIsRequired()
            throws Exception {
        GatewayClient client = new GatewayClient(port);
        String withoutMfa = remember(partner.sign(partner.claims("aa01", List.of("auditor"))
                .claim("preferred_username", "ext.auditor").claim("amr", List.of("pwd")).build()));
        String withMfa = remember(partner.sign(partner.claims("aa01", List.of("auditor", "unknown-role"))
                .claim("preferred_username", "ext.auditor").claim("amr", List.of("pwd", "otp")).build()));
        String namesAListedId = remember(partner.sign(partner.claims("aa02", List.of("nurse"))
                .claim("preferred_username", "nurse.sato").build()));

        HttpResponse<String> refused = bearer(client, withoutMfa, "/api/audit/checkpoints");
        HttpResponse<String> allowed = bearer(client, withMfa, "/api/session");
        HttpResponse<String> auditor = bearer(client, withMfa, "/api/audit/checkpoints");
        HttpResponse<String> namesake = bearer(client, namesAListedId, "/api/session");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("error=\"insufficient_user_authentication\"");
        assertThat(GatewayClient.json(allowed).path("userId").asString()).isEqualTo("ext.auditor@partner");
        assertThat(GatewayClient.json(allowed).path("roles").toString()).isEqualTo("[\"auditor\"]");
        assertThat(GatewayClient.json(allowed).path("mfa").asBoolean()).isTrue();
        assertThat(auditor.statusCode()).as(auditor.body()).isEqualTo(200);
        assertThat(GatewayClient.json(namesake).path("userId").asString()).isEqualTo("nurse.sato@partner");
        assertThat(AuditJournal.failures(dataDir, "access")).contains("token-mfa-required");
    }

    @Test
    @Order(4)
    void rotatedKeyIsFetchedOnDemandButMadeUpKeyIdsCannotMakeTheGatewayHammerTheIssuer() throws Exception {
        GatewayClient client = new GatewayClient(port).purpose("follow-up-care");
        assertThat(bearer(client, prefecture.sign(prefecture.claims(KIMURA, List.of("nurse")).build()),
                "/api/session").statusCode()).isEqualTo(200);
        int fetchesBefore = prefecture.fetches("/certs");

        prefecture.rotate("key-2");
        CLOCK.set("2026-11-24T10:01:00+09:00");
        String rotated = remember(prefecture.sign(prefecture.claims(KIMURA, List.of("nurse")).build()));
        HttpResponse<String> afterRotation = bearer(client, rotated, "/api/session");
        for (int i = 0; i < 5; i++) {
            String madeUp = prefecture.sign(prefecture.claims(KIMURA, List.of("nurse")).build(),
                    header -> header.keyID("made-up-" + Math.random()));
            assertThat(bearer(client, madeUp, "/api/session").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> unreachable = bearer(client, remember(prefecture.sign(new JWTClaimsSet.Builder(
                prefecture.claims(KIMURA, List.of("nurse")).build()).issuer(UNREACHABLE).build())), "/api/session");

        assertThat(afterRotation.statusCode()).as(afterRotation.body()).isEqualTo(200);
        assertThat(prefecture.fetches("/certs")).isEqualTo(fetchesBefore + 1);
        assertThat(AuditJournal.failures(dataDir, "access")).contains("token-unknown-key");
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(AuditJournal.failures(dataDir, "access")).contains("token-keys-unavailable");
    }

    @Test
    @Order(5)
    void noTokenLandsInAnyRecordOrLogLine(CapturedOutput output) {
        String everything = output.getAll() + String.join("\n",
                AuditJournal.records(dataDir).stream().map(JsonNode::toString).toList());

        assertThat(TOKENS).hasSizeGreaterThan(20);
        for (String token : TOKENS) {
            String signatureOrWhole = token.contains(".") && token.lastIndexOf('.') < token.length() - 1
                    ? token.substring(token.lastIndexOf('.') + 1) : token;
            assertThat(everything).as("a token in a record or log line").doesNotContain(token)
                    .doesNotContain(signatureOrWhole);
        }
        assertThat(everything).doesNotContainIgnoringCase("Authorization: Bearer");
    }

    private static HttpResponse<String> bearer(GatewayClient client, String token, String path) throws Exception {
        return client.send("GET", path, null, Map.of("Accept", "application/json", "Authorization", "Bearer " + token));
    }

    private static String remember(String token) {
        TOKENS.add(token);
        return token;
    }

    /** The classic confusion: HS256 keyed with the bytes of the issuer's RSA public key. */
    private static String hmacWithThePublicKey(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims);
        jwt.sign(new MACSigner(prefecture.signingKey().toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    private static String flipSignatureByte(String token) {
        int start = token.lastIndexOf('.') + 1;
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(start));
        signature[signature.length / 2] ^= 0x01;
        return token.substring(0, start) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
