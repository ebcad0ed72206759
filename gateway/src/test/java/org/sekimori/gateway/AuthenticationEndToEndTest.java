package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Authenticator;
import org.sekimori.gateway.support.Browser;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.PasswordHasher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logging in as handlers meet it, through the running gateway: lockout per account and per
 * client address, answers that never tell a wrong password from an unknown or locked user ID, the
 * first-login password change and its rules, TOTP enrolment and login with replay refused,
 * recovery codes, and the records all of it leaves, which hold no secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "management.server.port=0",
        "sekimori.login.lockout.address-failures=12"})
@Import(SettableClock.InGateway.class)
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NEW_HIRE_PASSWORD = "first-day-Pa55word";
    /** Every secret the tests type or receive, searched for in every record and log line at the end. */
    static final List<String> SECRETS = new ArrayList<>();

    @TempDir
    static Path dataDir;

    static DemoSystemProcess followup;
    static DemoSystemProcess registry;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        followup = DemoSystemProcess.start("followup", 10, dataDir.resolve("followup"));
        registry = DemoSystemProcess.start("registry", 10, dataDir.resolve("registry"));
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
        String hash = PasswordHasher.recommended().hash(NEW_HIRE_PASSWORD.toCharArray());
        Path directory = dataDir.resolve("directory.yaml");
        Files.writeString(directory, Files.readString(Path.of("../deploy/demo/directory.yaml")) + """
                  - userId: nurse.new
                    displayName: Mori Aoi
                    roles: [nurse]
                    attributes:
                      areas: [相馬市]
                    passwordHash: "%1$s"
                    mustChangePassword: true
                  - userId: nurse.browser
                    displayName: Hara Yu
                    roles: [nurse]
                    passwordHash: "%1$s"
                    mustChangePassword: true
                  - userId: contractor.former
                    displayName: Kimura Sho
                    roles: [contractor]
                    passwordHash: "%1$s"
                    contractor: true
                    accessExpires: 2026-10-31
                """.formatted(hash));
        properties.add("sekimori.directory", directory::toString);
    }

    @BeforeEach
    void officeHours() {
        CLOCK.set("2026-11-24T10:00:00+09:00");
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @Test
    void loginWhenFiveWrongPasswordsThenLockedAndAnswersIndistinguishableUntilUnlockedByTime() throws Exception {
        GatewayClient client = new GatewayClient(port);
        HttpResponse<String> unknown = client.login("nobody.here", "wrong-password-1");
        List<HttpResponse<String>> wrong = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wrong.add(client.login("epi.suzuki", "wrong-password-" + i));
        }
        HttpResponse<String> lockedWithRightPassword = client.login("epi.suzuki", "epidemiologist-demo-2026");

        assertThat(lockedWithRightPassword.statusCode()).isEqualTo(401);
        assertThat(comparable(lockedWithRightPassword)).isEqualTo(comparable(wrong.get(0)))
                .isEqualTo(comparable(unknown));
        assertThat(records()).anySatisfy(record -> {
            assertThat(record.path("event").asString()).isEqualTo("lockout");
            assertThat(record.path("handler").asString()).isEqualTo("epi.suzuki");
            assertThat(record.path("scope").asString()).isEqualTo("account");
        });
        assertThat(failures("login")).contains("unknown-user", "bad-password", "locked");

        CLOCK.set("2026-11-24T10:16:00+09:00");
        assertThat(client.login("epi.suzuki", "epidemiologist-demo-2026").statusCode()).isEqualTo(200);
    }

    @Test
    void loginWhenManyFailuresFromOneAddressThenBlockedWhateverUserIdAndForwardedForIgnored() throws Exception {
        GatewayClient client = new GatewayClient(port).header("X-Forwarded-For", "203.0.113.9");
        for (int i = 0; i < 12; i++) {
            client.login("guess" + i + ".user", "wrong-password");
        }
        HttpResponse<String> blocked = new GatewayClient(port).login("researcher.ito", "researcher-demo-2026");

        assertThat(blocked.statusCode()).isEqualTo(401);
        assertThat(failures("login")).contains("address-blocked");
        assertThat(records()).anySatisfy(record -> {
            assertThat(record.path("event").asString()).isEqualTo("lockout");
            assertThat(record.path("scope").asString()).isEqualTo("address");
            assertThat(record.path("client").asString()).isEqualTo("127.0.0.1");
        });
        CLOCK.set("2026-11-24T10:16:00+09:00");
        assertThat(new GatewayClient(port).login("researcher.ito", "researcher-demo-2026").statusCode()).isEqualTo(200);
    }

    @Test
    void loginWhenAccessExpiredOrFirstLoginThenRefusedOrPasswordChangeOwedWithEveryRule() throws Exception {
        assertThat(new GatewayClient(port).login("contractor.former", NEW_HIRE_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(failures("login")).contains("access-expired");

        GatewayClient newHire = new GatewayClient(port);
        HttpResponse<String> pending = newHire.login("nurse.new", NEW_HIRE_PASSWORD);
        assertThat(pending.statusCode()).isEqualTo(202);
        assertThat(GatewayClient.json(pending).path("next").asString()).isEqualTo("change-password");
        newHire.header("X-CSRF-TOKEN", GatewayClient.json(pending).path("csrfToken").asString());
        HttpResponse<String> beforeChange = newHire.get("/systems/followup/subjects");
        assertThat(beforeChange.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(beforeChange).path("message").asString()).startsWith("Finish logging in first");

        HttpResponse<String> weak = newHire.post("/api/session/password",
                change(NEW_HIRE_PASSWORD, "nurse.new-1"));
        HttpResponse<String> same = newHire.post("/api/session/password", change(NEW_HIRE_PASSWORD, NEW_HIRE_PASSWORD));
        HttpResponse<String> tooLong = newHire.post("/api/session/password",
                change(NEW_HIRE_PASSWORD, "x".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1)));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(weak).path("problems").toString()).contains("at least 12 characters")
                .contains("must not contain the user ID");
        assertThat(GatewayClient.json(same).path("problems").toString()).contains("must not be the current password");
        assertThat(GatewayClient.json(tooLong).path("problems").toString()).contains("at most 256 characters");

        String chosen = "kawa-no-nagare-2026";
        SECRETS.add(chosen);
        HttpResponse<String> changed = newHire.post("/api/session/password", change(NEW_HIRE_PASSWORD, chosen));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(new GatewayClient(port).login("nurse.new", NEW_HIRE_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new GatewayClient(port).login("nurse.new", chosen).statusCode()).isEqualTo(200);
        assertThat(failures("password-change")).contains("password-rejected");
    }

    @Test
    void loginWhenRoleRequiresMfaThenEnrolThenCodeOnceThenRecoveryCodeOnce(CapturedOutput output) throws Exception {
        GatewayClient admin = new GatewayClient(port);
        JsonNode pending = GatewayClient.json(admin.login("admin.watanabe", "administrator-demo-2026"));
        assertThat(pending.path("next").asString()).isEqualTo("enrol-second-factor");
        admin.header("X-CSRF-TOKEN", pending.path("csrfToken").asString());
        JsonNode enrolment = GatewayClient.json(admin.post("/api/session/totp", "{}"));
        String secret = enrolment.path("secret").asString();
        SECRETS.add(secret);
        assertThat(enrolment.path("otpauthUri").asString())
                .isEqualTo("otpauth://totp/Sekimori:admin.watanabe?secret=" + secret
                        + "&issuer=Sekimori&algorithm=SHA1&digits=6&period=30");
        assertThat(admin.post("/api/session/totp/confirm", "{\"code\": \"000000\"}").statusCode()).isEqualTo(401);
        Authenticator device = Authenticator.enrol(port, "admin.watanabe", secret);
        HttpResponse<String> enrolled = admin.post("/api/session/totp/confirm",
                "{\"code\": \"" + device.nextCode() + "\"}");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        JsonNode session = GatewayClient.json(enrolled);
        assertThat(session.path("mfa").asBoolean()).isTrue();
        List<String> recoveryCodes = new ArrayList<>();
        session.path("recoveryCodes").forEach(code -> recoveryCodes.add(code.asString()));
        assertThat(recoveryCodes).hasSize(10);
        SECRETS.addAll(recoveryCodes);

        GatewayClient next = new GatewayClient(port);
        JsonNode second = GatewayClient.json(next.login("admin.watanabe", "administrator-demo-2026"));
        assertThat(second.path("next").asString()).isEqualTo("second-factor");
        next.header("X-CSRF-TOKEN", second.path("csrfToken").asString());
        HttpResponse<String> replay = next.post("/api/session/second-factor", "{\"code\": \"" + device.usedCode() + "\"}");
        assertThat(replay.statusCode()).isEqualTo(401);
        String code = device.nextCode();
        SECRETS.add(code);
        HttpResponse<String> loggedIn = next.post("/api/session/second-factor", "{\"code\": \"" + code + "\"}");
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
        assertThat(GatewayClient.json(loggedIn).path("mfa").asBoolean()).isTrue();

        GatewayClient lostPhone = new GatewayClient(port);
        JsonNode third = GatewayClient.json(lostPhone.login("admin.watanabe", "administrator-demo-2026"));
        lostPhone.header("X-CSRF-TOKEN", third.path("csrfToken").asString());
        String recovery = "{\"recoveryCode\": \"" + recoveryCodes.get(3).toUpperCase() + "\"}";
        assertThat(lostPhone.post("/api/session/second-factor", recovery).statusCode()).isEqualTo(200);
        GatewayClient again = new GatewayClient(port);
        JsonNode fourth = GatewayClient.json(again.login("admin.watanabe", "administrator-demo-2026"));
        again.header("X-CSRF-TOKEN", fourth.path("csrfToken").asString());
        assertThat(again.post("/api/session/second-factor", recovery).statusCode()).isEqualTo(401);

        assertThat(failures("login")).contains("mfa-replayed", "recovery-code-failed");
        assertThat(failures("mfa-enrolment")).contains("mfa-failed");
        assertThat(records()).anySatisfy(record -> {
            assertThat(record.path("event").asString()).isEqualTo("login");
            assertThat(record.path("outcome").asString()).isEqualTo("pending");
            assertThat(record.path("next").asString()).isEqualTo("second-factor");
        });
        SECRETS.add("administrator-demo-2026");
        SECRETS.add("epidemiologist-demo-2026");
        String everything = output.getAll() + String.join("\n", records().stream().map(JsonNode::toString).toList());
        for (String secretText : SECRETS) {
            assertThat(everything).as("a secret in a record or log line").doesNotContain(secretText);
        }
        assertThat(everything).doesNotContain("SEKIMORI_SESSION=").doesNotContain("X-CSRF-TOKEN");
    }

    @Test
    void browserWhenFirstLoginOfAnAuditorThenEnrolsOnThePagesByQrCodeAndSeesRecoveryCodesOnce() throws Exception {
        Browser browser = new Browser();
        String loginPage = browser.get(gateway("/login")).body();
        assertThat(Browser.location(browser.post(gateway("/login"), Browser.withCsrf(loginPage,
                Map.of("username", "auditor.kato", "password", "auditor-demo-2026"))))).isEqualTo("/login/next");

        HttpResponse<String> enrolment = browser.get(gateway("/login/next"));
        assertThat(enrolment.headers().firstValue("Cache-Control")).contains("no-store");
        String secret = enrolmentSecret(enrolment.body());
        SECRETS.add(secret);
        assertThat(enrolment.body()).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("action=\"/api/session/totp/confirm\"");
        String wrong = Browser.location(browser.post(gateway("/api/session/totp/confirm"),
                Browser.withCsrf(enrolment.body(), Map.of("code", "000000"))));
        String againPage = browser.get(gateway(wrong)).body();
        assertThat(againPage).contains("That code was wrong");
        assertThat(enrolmentSecret(againPage)).as("a reloaded page keeps the secret").isEqualTo(secret);
        Authenticator device = Authenticator.enrol(port, "auditor.kato", secret);
        HttpResponse<String> withoutCsrf = browser.post(gateway("/api/session/totp/confirm"),
                Map.of("code", device.nextCode()));
        HttpResponse<String> enrolled = browser.post(gateway("/api/session/totp/confirm"),
                Browser.withCsrf(againPage, Map.of("code", device.nextCode())));

        assertThat(wrong).isEqualTo("/login/next?error");
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        List<String> recoveryCodes = new ArrayList<>();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("<li><code>([a-z0-9-]+)</code></li>")
                .matcher(enrolled.body());
        while (code.find()) {
            recoveryCodes.add(code.group(1));
        }
        SECRETS.addAll(recoveryCodes);
        assertThat(recoveryCodes).hasSize(10);
        assertThat(browser.get(gateway("/")).body()).contains("Logged in as Kato Makoto (auditor.kato)");
    }

    @Test
    void browserWhenFirstLoginThenChangesThePasswordOnThePageWithTheRulesShown() throws Exception {
        Browser browser = new Browser();
        String loginPage = browser.get(gateway("/login")).body();
        browser.post(gateway("/login"), Browser.withCsrf(loginPage,
                Map.of("username", "nurse.browser", "password", NEW_HIRE_PASSWORD)));
        String page = browser.get(gateway("/login/next")).body();
        assertThat(page).contains("be at least 12 characters long").contains("not contain your user ID");
        String chosen = "yama-no-michi-2026";
        SECRETS.add(chosen);

        String mismatch = Browser.location(browser.post(gateway("/api/session/password"), Browser.withCsrf(page,
                Map.of("currentPassword", NEW_HIRE_PASSWORD, "newPassword", chosen, "repeatPassword", chosen + "x"))));
        String changed = Browser.location(browser.post(gateway("/api/session/password"), Browser.withCsrf(page,
                Map.of("currentPassword", NEW_HIRE_PASSWORD, "newPassword", chosen, "repeatPassword", chosen))));

        assertThat(mismatch).isEqualTo("/login/next?error");
        assertThat(changed).isEqualTo("/");
        assertThat(browser.get(gateway("/")).body()).contains("(nurse.browser)");
        assertThat(new GatewayClient(port).login("nurse.browser", chosen).statusCode()).isEqualTo(200);
    }

    @Test
    void loggedInWithoutAnAuthenticatorThenAddingOneNeedsThePasswordAgain() throws Exception {
        SECRETS.add("left-open-browser");
        GatewayClient secretariat = new GatewayClient(port);
        JsonNode session = GatewayClient.json(secretariat.login("secretariat.yamada", "secretariat-demo-2026"));
        secretariat.header("X-CSRF-TOKEN", session.path("csrfToken").asString());

        HttpResponse<String> withoutPassword = secretariat.post("/api/session/totp", "{}");
        HttpResponse<String> wrongPassword = secretariat.post("/api/session/totp",
                "{\"currentPassword\": \"left-open-browser\"}");
        HttpResponse<String> withPassword = secretariat.post("/api/session/totp",
                "{\"currentPassword\": \"secretariat-demo-2026\"}");

        assertThat(withoutPassword.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(withoutPassword).path("message").asString()).contains("currentPassword");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(withPassword.statusCode()).as(withPassword.body()).isEqualTo(200);
        assertThat(GatewayClient.json(withPassword).path("secret").asString()).isNotEmpty();
        SECRETS.add(GatewayClient.json(withPassword).path("secret").asString());
        assertThat(failures("access")).contains("bad-password");
    }

    @Test
    void plainHttpIsWarnedAboutAtStartup(CapturedOutput output) {
        // The tests' own configuration turns HTTPS off (src/test/resources/config/application.yaml).
        assertThat(output.getAll()).contains("Serving plain HTTP (sekimori.tls.plain-http=true)")
                .contains("For local development only.");
    }

    private static String enrolmentSecret(String page) {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("Key: <code>([A-Z2-7 ]+)</code>").matcher(page);
        assertThat(key.find()).as(page).isTrue();
        return key.group(1).replace(" ", "");
    }

    private java.net.URI gateway(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private static String change(String current, String replacement) {
        return JSON.writeValueAsString(Map.of("currentPassword", current, "newPassword", replacement));
    }

    /** Status, body without its correlation id, and headers without per-request ones. */
    private static String comparable(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("sekimori-correlation-id"));
        JsonNode body = GatewayClient.json(response);
        ((tools.jackson.databind.node.ObjectNode) body).remove("correlationId");
        return response.statusCode() + " " + body + " " + headers;
    }

    private List<String> failures(String event) {
        return AuditJournal.failures(dataDir, event);
    }

    private static List<JsonNode> records() {
        return AuditJournal.records(dataDir);
    }
}
