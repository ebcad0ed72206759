package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sekimori.gateway.support.Browser.location;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Browser;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.KeycloakServer;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.PasswordHasher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against a real Keycloak (the realms in {@code deploy/keycloak}): tokens Keycloak
 * issues to a script are accepted with their realm roles mapped, and refused when meant for
 * another client, from another realm, expired, with a flipped signature byte, as an ID token, or
 * for a user the directory does not list. A browser logs in at Keycloak (authorization code with
 * PKCE, state and nonce) and comes back as the listed handler; a forged state and a replayed
 * callback are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "management.server.port=0"})
@Import(SettableClock.InGateway.class)
class KeycloakInteroperabilityTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String KONDO = "0c6f3d2e-5a1b-4f7e-9c8d-2b1a0e9f8d71";
    static final String PASSWORD = "keycloak-nurse-2026";

    @TempDir
    static Path dataDir;

    static KeycloakServer keycloak;
    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        keycloak = KeycloakServer.start(Map.of());
        demo = DemoSystems.start(properties, dataDir);
        String issuer = "sekimori.auth.issuers[0].";
        properties.add(issuer + "issuer", () -> keycloak.issuer("sekimori"));
        properties.add(issuer + "jwk-set-uri", () -> keycloak.jwkSetUri("sekimori").toString());
        properties.add(issuer + "audiences", () -> "sekimori");
        properties.add(issuer + "roles-claim", () -> "realm_access.roles");
        // Keycloak's access tokens carry iat but no nbf.
        properties.add(issuer + "required-claims", () -> "iat");
        properties.add("sekimori.auth.browser-login.issuer", () -> keycloak.issuer("sekimori"));
        properties.add("sekimori.auth.browser-login.client-id", () -> "sekimori-gateway");
        properties.add("sekimori.auth.browser-login.client-secret", () -> "gateway-demo-secret-2026");
        properties.add("sekimori.auth.browser-login.label", () -> "Keycloak");
        Path directory = dataDir.resolve("directory.yaml");
        Files.writeString(directory, Files.readString(Path.of("../deploy/demo/directory.yaml")) + """
                  - userId: nurse.kondo
                    displayName: Kondo Aoi
                    roles: [nurse]
                    attributes:
                      areas: [相馬市, 南相馬市, 新地町]
                    passwordHash: "%s"
                    externalIdentities:
                      - issuer: %s
                        subject: %s
                """.formatted(PasswordHasher.recommended().hash("unused-password-2026".toCharArray()),
                keycloak.issuer("sekimori"), KONDO));
        properties.add("sekimori.directory", directory::toString);
    }

    @BeforeEach
    void now() {
        CLOCK.set(java.time.Instant.now().atZone(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString());
    }

    @AfterAll
    static void stop() {
        keycloak.close();
        demo.close();
    }

    @Test
    void accessTokenFromKeycloakReachesDataWithItsRealmRolesMappedToTheListedHandler() throws Exception {
        String token = accessToken("sekimori", "sekimori-cli", "kondo.aoi");
        GatewayClient client = new GatewayClient(port).purpose("follow-up-care");

        HttpResponse<String> record = bearer(client, token, "/systems/followup/subjects/F00001");
        JsonNode session = GatewayClient.json(bearer(client, token, "/api/session"));

        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        assertThat(GatewayClient.json(record).path("id").asString()).isEqualTo("F00001");
        assertThat(session.path("userId").asString()).isEqualTo("nurse.kondo");
        assertThat(session.path("roles").toString()).isEqualTo("[\"nurse\"]");
        assertThat(session.path("authentication").asString()).isEqualTo("bearer");
    }

    @Test
    void keycloakTokensThatAreNotForThisGatewayOrNoLongerValidAreRefusedWithTheirReason() throws Exception {
        GatewayClient client = new GatewayClient(port);
        JsonNode tokens = keycloak.passwordGrant("sekimori", "sekimori-cli", "kondo.aoi", PASSWORD);
        String valid = tokens.path("access_token").asString();
        Map<String, String> refusals = Map.of(
                accessToken("sekimori", "wiki", "kondo.aoi"), "token-audience",
                accessToken("other", "sekimori-cli", "kondo.aoi"), "token-unknown-issuer",
                flipSignatureByte(valid), "token-signature",
                tokens.path("id_token").asString(), "token-not-access-token",
                keycloak.passwordGrant("sekimori", "sekimori-cli", "unlisted.user", "keycloak-unlisted-2026")
                        .path("access_token").asString(), "token-unknown-subject");

        for (Map.Entry<String, String> refused : refusals.entrySet()) {
            HttpResponse<String> answer = bearer(client, refused.getKey(), "/api/session");
            assertThat(answer.statusCode()).as(refused.getValue()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(refused.getValue())
                    .contains("error=\"invalid_token\"");
        }
        assertThat(bearer(client, valid, "/api/session").statusCode()).isEqualTo(200);
        CLOCK.set(java.time.Instant.now().plusSeconds(600).atZone(java.time.ZoneId.of("Asia/Tokyo"))
                .toOffsetDateTime().toString());
        assertThat(bearer(client, valid, "/api/session").statusCode()).isEqualTo(401);

        List<String> failures = AuditJournal.failures(dataDir, "access");
        assertThat(failures).containsAll(refusals.values()).contains("token-expired");
    }

    @Test
    void browserLogsInAtKeycloakWithPkceAndComesBackAsTheListedHandlerWhileForgedOrReplayedCallbacksFail()
            throws Exception {
        Browser browser = new Browser();
        String loginPage = browser.get(gateway("/login")).body();
        assertThat(loginPage).contains("href=\"/oauth2/authorization/sso\">Log in with Keycloak</a>");

        HttpResponse<String> toKeycloak = browser.get(gateway("/oauth2/authorization/sso"));
        String authorize = location(toKeycloak);
        assertThat(authorize).startsWith(keycloak.issuer("sekimori") + "/protocol/openid-connect/auth?")
                .contains("response_type=code", "code_challenge_method=S256", "code_challenge=", "state=", "nonce=");
        String form = browser.get(java.net.URI.create(authorize)).body();
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(form);
        assertThat(action.find()).as(form).isTrue();
        HttpResponse<String> back = browser.post(java.net.URI.create(action.group(1).replace("&amp;", "&")),
                Map.of("username", "kondo.aoi", "password", PASSWORD, "credentialId", ""));
        String callback = location(back);
        assertThat(callback).startsWith(gateway("/login/oauth2/code/sso").toString());

        HttpResponse<String> forged = browser.get(java.net.URI.create(callback.replaceFirst("state=[^&]+",
                "state=forged-state")));
        HttpResponse<String> loggedIn = browser.get(java.net.URI.create(callback));
        JsonNode session = GatewayClient.json(browser.get(gateway("/api/session")).body());
        HttpResponse<String> replayed = new Browser().get(java.net.URI.create(callback));

        assertThat(location(forged)).isEqualTo("/login?error");
        assertThat(location(loggedIn)).isEqualTo("/");
        assertThat(session.path("userId").asString()).isEqualTo("nurse.kondo");
        assertThat(session.path("authentication").asString()).isEqualTo("oidc");
        assertThat(session.path("roles").toString()).isEqualTo("[\"nurse\"]");
        assertThat(location(replayed)).isEqualTo("/login?error");
        assertThat(AuditJournal.records(dataDir)).anySatisfy(login -> {
            assertThat(login.path("event").asString()).isEqualTo("login");
            assertThat(login.path("authentication").asString()).isEqualTo("oidc");
            assertThat(login.path("handler").asString()).isEqualTo("nurse.kondo");
            assertThat(login.path("outcome").asString()).isEqualTo("success");
        });
        assertThat(AuditJournal.failures(dataDir, "login")).contains("oidc-authorization-request-not-found");
    }

    private java.net.URI gateway(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private static String accessToken(String realm, String client, String username) throws Exception {
        return keycloak.passwordGrant(realm, client, username, PASSWORD).path("access_token").asString();
    }

    private static HttpResponse<String> bearer(GatewayClient client, String token, String path) throws Exception {
        return client.send("GET", path, null, Map.of("Accept", "application/json", "Authorization", "Bearer " + token));
    }

    private static String flipSignatureByte(String token) {
        int start = token.lastIndexOf('.') + 1;
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(start));
        signature[7] ^= 0x01;
        return token.substring(0, start) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
