package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sekimori.gateway.support.Browser.location;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Browser;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.PasswordHasher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Tokens the gateway issues itself, through the running gateway: a command-line tool gets one
 * with the authorization code and PKCE from a handler's logged-in browser, a registered system
 * with its client credentials; both work as bearer tokens, verify with the published key set, and
 * every misuse (a code used twice, a wrong verifier, an unregistered redirect, a wrong secret) is
 * refused and recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "management.server.port=0", "sekimori.tokens.issuer=https://sekimori.test",
        "sekimori.sessions.step-up-max-age=" + TokenIssuanceEndToEndTest.STEP_UP_SECONDS + "s"})
@Import(SettableClock.InGateway.class)
class TokenIssuanceEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String CALLBACK = "http://127.0.0.1:53682/callback";
    static final String SYSTEM_SECRET = "nightly-report-secret-2026";
    /** Short, so the test can outwait it; the minting and first use take well under a second. */
    static final int STEP_UP_SECONDS = 6;

    @TempDir
    static Path dataDir;

    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        demo = DemoSystems.start(properties, dataDir);
        properties.add("sekimori.tokens.clients[0].client-id", () -> "sekimori-cli");
        properties.add("sekimori.tokens.clients[0].redirect-uris", () -> "http://127.0.0.1/callback");
        properties.add("sekimori.tokens.clients[1].client-id", () -> "nightly-report");
        properties.add("sekimori.tokens.clients[1].secret-hash",
                () -> PasswordHasher.recommended().hash(SYSTEM_SECRET.toCharArray()));
        properties.add("sekimori.tokens.clients[1].grant-types", () -> "client-credentials");
        properties.add("sekimori.tokens.clients[1].acts-as", () -> "epi.suzuki");
    }

    @BeforeEach
    void now() {
        CLOCK.set(java.time.Instant.now().atZone(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString());
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void commandLineToolGetsATokenWithPkceFromTheHandlersBrowserAndUsesItOnce() throws Exception {
        Browser browser = loggedIn("nurse.sato", "nurse-demo-2026");
        String verifier = verifier();
        String redirect = location(browser.get(authorize(challenge(verifier), "xyz")));
        Map<String, String> back = query(redirect);
        assertThat(redirect).startsWith(CALLBACK + "?");
        assertThat(back).containsEntry("state", "xyz").containsKey("code");

        HttpResponse<String> token = tokenRequest(Map.of("grant_type", "authorization_code", "code", back.get("code"),
                "redirect_uri", CALLBACK, "client_id", "sekimori-cli", "code_verifier", verifier), null);
        HttpResponse<String> again = tokenRequest(Map.of("grant_type", "authorization_code", "code", back.get("code"),
                "redirect_uri", CALLBACK, "client_id", "sekimori-cli", "code_verifier", verifier), null);
        String wrongVerifierCode = query(location(browser.get(authorize(challenge(verifier), "s2")))).get("code");
        HttpResponse<String> wrongVerifier = tokenRequest(Map.of("grant_type", "authorization_code",
                "code", wrongVerifierCode, "redirect_uri", CALLBACK, "client_id", "sekimori-cli",
                "code_verifier", verifier()), null);

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = GatewayClient.json(token).path("access_token").asString();
        assertThat(GatewayClient.json(token).path("token_type").asString()).isEqualTo("Bearer");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(again).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(GatewayClient.json(wrongVerifier).path("error").asString()).isEqualTo("invalid_grant");

        SignedJWT jwt = SignedJWT.parse(accessToken);
        RSAKey published = (RSAKey) JWKSet.parse(new GatewayClient(port).get("/oauth2/jwks").body()).getKeys().get(0);
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("nurse.sato");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://sekimori.test");

        GatewayClient script = new GatewayClient(port).purpose("follow-up-care")
                .header("Authorization", "Bearer " + accessToken);
        assertThat(script.get("/systems/followup/subjects/F00001").statusCode()).isEqualTo(200);
        JsonNode session = GatewayClient.json(script.get("/api/session"));
        assertThat(session.path("userId").asString()).isEqualTo("nurse.sato");
        assertThat(session.path("authentication").asString()).isEqualTo("bearer");
        assertThat(AuditJournal.failures(dataDir, "token")).contains("", "token-request-invalid-grant");
        HttpResponse<String> withTheToken = script.send("GET", authorize(challenge(verifier()), "s3").toString()
                .substring(("http://127.0.0.1:" + port).length()), null, Map.of());
        assertThat(query(location(withTheToken))).as("a token cannot buy a fresh one")
                .containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    @Test
    void authorizeNeverRedirectsToAnUnregisteredAddressAndRequiresPkce() throws Exception {
        Browser browser = loggedIn("nurse.sato", "nurse-demo-2026");

        HttpResponse<String> elsewhere = browser.get(URI.create("http://127.0.0.1:" + port + "/oauth2/authorize?"
                + "response_type=code&client_id=sekimori-cli&redirect_uri=" + encode("https://evil.example/cb")
                + "&code_challenge=" + challenge(verifier()) + "&code_challenge_method=S256"));
        HttpResponse<String> withoutPkce = browser.get(URI.create("http://127.0.0.1:" + port + "/oauth2/authorize?"
                + "response_type=code&client_id=sekimori-cli&redirect_uri=" + encode(CALLBACK) + "&state=s"));
        HttpResponse<String> notLoggedIn = new Browser().get(authorize(challenge(verifier()), "s"));

        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
        assertThat(query(location(withoutPkce))).containsEntry("error", "invalid_request");
        assertThat(location(notLoggedIn)).isEqualTo("/login");
    }

    @Test
    void registeredSystemGetsATokenWithItsSecretAndActsAsItsHandler() throws Exception {
        HttpResponse<String> token = tokenRequest(Map.of("grant_type", "client_credentials"),
                "nightly-report:" + SYSTEM_SECRET);
        HttpResponse<String> wrongSecret = tokenRequest(Map.of("grant_type", "client_credentials"),
                "nightly-report:guess");

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        GatewayClient system = new GatewayClient(port).header("Authorization",
                "Bearer " + GatewayClient.json(token).path("access_token").asString());
        assertThat(GatewayClient.json(system.get("/api/session")).path("userId").asString()).isEqualTo("epi.suzuki");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(wrongSecret).path("error").asString()).isEqualTo("invalid_client");
        assertThat(AuditJournal.failures(dataDir, "token")).contains("token-request-invalid-client");
    }

    @Test
    void aTokenTakesNoLoginStepAndStartsNoSession() throws Exception {
        GatewayClient system = new GatewayClient(port).header("Authorization", "Bearer " + GatewayClient.json(
                tokenRequest(Map.of("grant_type", "client_credentials"), "nightly-report:" + SYSTEM_SECRET))
                .path("access_token").asString());

        HttpResponse<String> enrol = system.post("/api/session/totp", "{}");
        HttpResponse<String> stepUp = system.post("/api/session/step-up", "{\"code\": \"123456\"}");

        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(403);
        assertThat(GatewayClient.json(enrol).path("message").asString()).contains("not to a bearer token");
        assertThat(stepUp.statusCode()).isEqualTo(403);
        assertThat(system.cookies().getCookieStore().getCookies()).as("no session was made").isEmpty();
        assertThat(AuditJournal.failures(dataDir, "step-up")).contains("bearer-not-a-session");
    }

    @Test
    void aTokenPassesAStepUpOnlyWhileTheSecondFactorOfItsLoginIsRecent() throws Exception {
        GatewayClient auditor = DemoHandler.AUDITOR.login(port);
        String fresh = codeFrom(auditor);
        long secondFactorAt = SignedJWT.parse(fresh).getJWTClaimsSet().getLongClaim("auth_time");
        HttpResponse<String> freshExport = bearer(fresh).get("/api/audit/export");

        Thread.sleep((STEP_UP_SECONDS + 1) * 1000L);
        String stale = codeFrom(auditor);
        HttpResponse<String> staleExport = bearer(stale).get("/api/audit/export");

        assertThat(secondFactorAt).isCloseTo(java.time.Instant.now().getEpochSecond(), within(60L));
        assertThat(SignedJWT.parse(fresh).getJWTClaimsSet().getStringListClaim("amr")).contains("otp");
        assertThat(freshExport.statusCode()).as(freshExport.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(stale).getJWTClaimsSet().getLongClaim("auth_time")).isEqualTo(secondFactorAt);
        assertThat(staleExport.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(staleExport).path("message").asString()).contains("auth_time");
        assertThat(bearer(stale).get("/api/audit/checkpoints").statusCode()).as("no step-up needed there")
                .isEqualTo(200);
    }

    @Test
    void stateComesBackAsSentWhateverItHolds() throws Exception {
        Browser browser = loggedIn("nurse.sato", "nurse-demo-2026");
        String state = "{x} a&b=c%41/é";

        HttpResponse<String> answer = browser.get(authorize(challenge(verifier()), state));

        assertThat(answer.statusCode()).isEqualTo(303);
        Map<String, String> back = query(location(answer));
        assertThat(URLDecoder.decode(back.get("state"), StandardCharsets.UTF_8)).isEqualTo(state);
        assertThat(back).containsKey("code");
    }

    /** A token through the authorization code grant, asked from {@code session}, a logged-in script. */
    private String codeFrom(GatewayClient session) throws Exception {
        String verifier = verifier();
        String code = query(location(session.send("GET", authorize(challenge(verifier), "s").toString()
                .substring(("http://127.0.0.1:" + port).length()), null, Map.of()))).get("code");
        HttpResponse<String> token = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "client_id", "sekimori-cli", "code_verifier", verifier), null);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return GatewayClient.json(token).path("access_token").asString();
    }

    private GatewayClient bearer(String token) {
        return new GatewayClient(port).header("Authorization", "Bearer " + token);
    }

    private Browser loggedIn(String userId, String password) throws Exception {
        Browser browser = new Browser();
        String page = browser.get(URI.create("http://127.0.0.1:" + port + "/login")).body();
        assertThat(location(browser.post(URI.create("http://127.0.0.1:" + port + "/login"),
                Browser.withCsrf(page, Map.of("username", userId, "password", password))))).isEqualTo("/");
        return browser;
    }

    private URI authorize(String challenge, String state) {
        return URI.create("http://127.0.0.1:" + port + "/oauth2/authorize?response_type=code&client_id=sekimori-cli"
                + "&redirect_uri=" + encode(CALLBACK) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=" + encode(state));
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form, String basic) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Accept", "application/json"));
        if (basic != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    basic.getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream().map(field -> field.getKey() + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return new GatewayClient(port).send("POST", "/oauth2/token", body, headers);
    }

    private static Map<String, String> query(String uri) {
        return UriComponentsBuilder.fromUriString(uri).build().getQueryParams().toSingleValueMap();
    }

    private static String verifier() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
