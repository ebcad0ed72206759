package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.RecordingUpstream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of a real demo data system (its own process, real HTTP) and a recording
 * stand-in for the second one, driven by a real HTTP client as a script would drive it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0"})
class GatewayEndToEndTest {

    @TempDir
    static Path dataDir;

    private static DemoSystemProcess followup;
    private static RecordingUpstream registry;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private GatewayClient client;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        followup = DemoSystemProcess.start("followup", 200, dataDir.resolve("followup"));
        registry = new RecordingUpstream();
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @BeforeEach
    void newClient() {
        client = new GatewayClient(port);
        registry.clear();
    }

    @Test
    void readWhenLoggedInThenRecordComesFromTheDataSystem() throws Exception {
        assertThat(client.login("nurse.sato", "nurse-demo-2026").statusCode()).isEqualTo(200);

        HttpResponse<String> record = client.purpose("follow-up-care").get("/systems/followup/subjects/F00001");

        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(record).path("id").asString()).isEqualTo("F00001");
        assertThat(record.headers().firstValue("Sekimori-Correlation-Id")).isPresent();
    }

    @Test
    void listWhenLoggedInWithoutASecondFactorThenPagedWithoutTheSensitiveItemsAndToldWhich() throws Exception {
        client.login("epi.suzuki", "epidemiologist-demo-2026");

        HttpResponse<String> answer = client.purpose("outbreak-analysis").get("/systems/followup/subjects?page=1&size=20");
        JsonNode page = GatewayClient.json(answer);

        JsonNode direct = followup.json("/subjects?page=1&size=20");
        assertThat(page.path("items").size()).isEqualTo(20);
        assertThat(page.path("total")).isEqualTo(direct.path("total"));
        JsonNode first = page.path("items").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("age", "sex", "residenceArea", "updatedAt");
        assertThat(answer.headers().firstValue("Sekimori-Withheld")).contains("currentCondition");
        assertThat(AuditJournal.records(dataDir)).anySatisfy(record -> assertThat(
                record.path("withoutSecondFactor").toString()).isEqualTo("[\"currentCondition\"]"));
        int age = direct.path("items").get(0).path("age").asInt();
        assertThat(first.path("age").asString()).isEqualTo(age / 10 * 10 + "-" + (age / 10 * 10 + 9));
    }

    @Test
    void loginWhenCorrectThenSessionDescribedAndCookieHardened() throws Exception {
        HttpResponse<String> login = client.login("nurse.sato", "nurse-demo-2026");

        JsonNode session = GatewayClient.json(login);
        assertThat(session.path("userId").asString()).isEqualTo("nurse.sato");
        assertThat(session.path("roles").get(0).asString()).isEqualTo("nurse");
        assertThat(session.path("dataSystems").findValuesAsString("path"))
                .containsExactly("/systems/followup", "/systems/registry");
        assertThat(session.path("csrfToken").asString()).isNotBlank();
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SEKIMORI_SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict"));
    }

    @Test
    void loginWhenSessionExistedThenSessionIdChanges() throws Exception {
        client.send("GET", "/login", null, Map.of("Accept", "text/html"));
        String before = sessionCookie();

        client.login("nurse.sato", "nurse-demo-2026");

        assertThat(before).isNotNull();
        assertThat(sessionCookie()).isNotNull().isNotEqualTo(before);
    }

    @Test
    void loginWhenWrongPasswordOrUnknownUserOrDisabledThenSameAnswer() throws Exception {
        HttpResponse<String> wrongPassword = client.login("nurse.sato", "not-the-password");
        HttpResponse<String> unknownUser = client.login("nobody.here", "not-the-password");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(withoutCorrelationId(wrongPassword)).isEqualTo(withoutCorrelationId(unknownUser));
        assertThat(GatewayClient.json(unknownUser).path("message").asString())
                .isEqualTo("Unknown user ID or wrong password.");
    }

    @Test
    void loginWhenBodyMalformedThenPreciseClientError() throws Exception {
        HttpResponse<String> notJson = client.send("POST", "/api/session", "{userId:", Map.of("Content-Type",
                "application/json"));
        HttpResponse<String> form = client.send("POST", "/api/session", "userId=a&password=b",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        HttpResponse<String> extraField = client.send("POST", "/api/session",
                "{\"userId\":\"a\",\"password\":\"b\",\"role\":\"administrator\"}", Map.of("Content-Type",
                        "application/json"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(notJson).path("message").asString()).startsWith("The request is not valid JSON.");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(extraField.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(extraField).path("message").asString())
                .startsWith("The request may have only the text fields password, userId.");
    }

    @Test
    void readWhenNotLoggedInThenJson401AndNothingProxied() throws Exception {
        HttpResponse<String> refused = client.get("/systems/registry/members/M000001");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Session realm=\"sekimori\"");
        assertThat(GatewayClient.json(refused).path("message").asString()).startsWith("Log in first: POST /api/session");
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void readWhenBrowserNotLoggedInThenRedirectedToLoginPage() throws Exception {
        HttpResponse<String> refused = client.send("GET", "/systems/followup/subjects", null,
                Map.of("Accept", "text/html,application/xhtml+xml"));

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).contains("/login");
        assertThat(client.send("GET", "/login", null, Map.of("Accept", "text/html")).body())
                .contains("<form").contains("name=\"_csrf\"");
    }

    @Test
    void readWhenPathBelongsToNoDataSystemThenJson404AndNothingProxied() throws Exception {
        client.login("nurse.sato", "nurse-demo-2026");

        for (String path : new String[] {"/systems/payroll/staff", "/admin", "/systemsfollowup/subjects"}) {
            HttpResponse<String> refused = client.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(GatewayClient.json(refused).path("message").asString()).as(path).isEqualTo(
                    "No registered data system serves this path. Registered data systems are reached under "
                            + "/systems/followup, /systems/registry.");
        }
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void readWhenPathTriesToLeaveItsDataSystemThen400AndNothingProxied() throws Exception {
        client.login("nurse.sato", "nurse-demo-2026");

        for (String path : new String[] {"/systems/registry/../followup/subjects", "/systems/registry/a%2F..%2Fb",
                "/systems/registry/members;jsessionid=1", "/systems/registry/%2e%2e/x"}) {
            assertThat(client.get(path).statusCode()).as(path).isEqualTo(400);
        }
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void proxyWhenClientSendsIdentityHeadersAndCredentialsThenNoneReachTheDataSystem() throws Exception {
        client.login("secretariat.yamada", "secretariat-demo-2026");
        client.purpose("membership-administration");

        HttpResponse<String> response = client.send("GET", "/systems/registry/members/M000001", null, Map.of(
                "X-User-Id", "admin.watanabe", "X_User_Id", "admin.watanabe", "x-forwarded-for", "10.0.0.1",
                "Forwarded", "for=10.0.0.1", "SEKIMORI-ROLES", "administrator", "Sekimori-Correlation-Id", "forged",
                "Authorization", "Basic eDp5", "X-CSRF-TOKEN", "token", "X-Client-Cert", "forged"));

        assertThat(response.statusCode()).isEqualTo(200);
        RecordingUpstream.Received received = registry.received().get(0);
        assertThat(received.path()).isEqualTo("/members/M000001");
        assertThat(received.headers().keySet()).map(String::toLowerCase).doesNotContain("x-user-id", "x_user_id",
                "forwarded", "sekimori-roles", "authorization", "cookie", "x-csrf-token", "x-client-cert");
        assertThat(received.headers().keySet()).map(String::toLowerCase).doesNotContain("x-forwarded-for");
        assertThat(received.headers().getFirst("Sekimori-Correlation-Id"))
                .isEqualTo(response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow())
                .isNotEqualTo("forged");
    }

    @Test
    void proxyWhenDataSystemSetsCookieCacheOrGatewayHeadersThenClientGetsNoneAndASandbox() throws Exception {
        client.login("secretariat.yamada", "secretariat-demo-2026");
        client.purpose("membership-administration");

        HttpResponse<String> response = client.get("/systems/registry/members/M000001");

        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("upstream="));
        assertThat(response.headers().allValues("Sekimori-Correlation-Id")).singleElement()
                .isNotEqualTo("upstream-chosen");
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .contains("sandbox; default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void proxyWhenClientNamesTheCorrelationIdAsHopByHopThenDataSystemStillGetsIt() throws Exception {
        client.login("secretariat.yamada", "secretariat-demo-2026");
        client.purpose("membership-administration");

        String head = client.rawGet("/systems/registry/members/M000001",
                "Connection: keep-alive, Sekimori-Correlation-Id, Accept");

        String sent = registry.received().get(0).headers().getFirst("Sekimori-Correlation-Id");
        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Sekimori-Correlation-Id: " + sent);
    }

    @Test
    void writeWhenFormEncodedBodyThenBodyReachesTheDataSystemAndTheNextRequestIsIntact() throws Exception {
        String csrf = GatewayClient.json(client.login("nurse.sato", "nurse-demo-2026")).path("csrfToken").asString();

        // A body the data system refuses without reading it: if the gateway had consumed it (to look
        // for a _csrf field), the data system would read the next request's first bytes as this body.
        HttpResponse<String> form = client.send("POST", "/systems/followup/nothing",
                "_csrf=" + csrf + "&pad=" + "a".repeat(300), Map.of("Content-Type",
                        "application/x-www-form-urlencoded", "X-CSRF-TOKEN", csrf));

        assertThat(form.statusCode()).isEqualTo(404);
        client.purpose("follow-up-care");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> next = client.get("/systems/followup/subjects/F00001");
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(GatewayClient.json(next).path("id").asString()).isEqualTo("F00001");
        }
    }

    @Test
    void writeWhenCsrfTokenOnlyInFormFieldThenRefusedOnDataSystemRoutes() throws Exception {
        String csrf = GatewayClient.json(client.login("secretariat.yamada", "secretariat-demo-2026")).path("csrfToken").asString();

        HttpResponse<String> form = client.send("POST", "/systems/registry/members", "_csrf=" + csrf,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void loginWhenPasswordIsNotUnicodeTextThenSameAnswerAsAWrongPassword() throws Exception {
        HttpResponse<String> surrogate = client.send("POST", "/api/session",
                "{\"userId\":\"nurse.sato\",\"password\":\"\\ud800\"}", Map.of("Content-Type", "application/json"));

        assertThat(surrogate.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(surrogate).path("message").asString()).isEqualTo("Unknown user ID or wrong password.");
    }

    @Test
    void writeWhenCsrfTokenMissingThenRefusedAndWithTokenAccepted() throws Exception {
        String csrf = GatewayClient.json(client.login("secretariat.yamada", "secretariat-demo-2026"))
                .path("csrfToken").asString();
        client.purpose("membership-administration");

        HttpResponse<String> withoutToken = client.send("DELETE", "/systems/registry/members/M000002", null, Map.of());
        HttpResponse<String> withToken = client.send("DELETE", "/systems/registry/members/M000002", null,
                Map.of("X-CSRF-TOKEN", csrf));

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(withoutToken).path("message").asString()).contains("X-CSRF-TOKEN");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).isEmpty();
        assertThat(registry.received()).singleElement().extracting(RecordingUpstream.Received::method)
                .isEqualTo("DELETE");
    }

    @Test
    void logoutWhenScriptDeletesSessionThenSessionEndsServerSide() throws Exception {
        String csrf = GatewayClient.json(client.login("nurse.sato", "nurse-demo-2026")).path("csrfToken").asString();
        String cookie = sessionCookie();

        HttpResponse<String> logout = client.send("DELETE", "/api/session", null, Map.of("X-CSRF-TOKEN", csrf));

        assertThat(logout.statusCode()).isEqualTo(204);
        GatewayClient replay = new GatewayClient(port);
        HttpResponse<String> replayed = replay.send("GET", "/api/session", null,
                Map.of("Cookie", "SEKIMORI_SESSION=" + cookie, "Accept", "application/json"));
        assertThat(replayed.statusCode()).isEqualTo(401);
    }

    @Test
    void sessionWhenLoggedInThenDescribesHandlerWithoutSecrets() throws Exception {
        client.login("auditor.kato", "auditor-demo-2026");

        HttpResponse<String> session = client.get("/api/session");

        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(session).path("userId").asString()).isEqualTo("auditor.kato");
        assertThat(session.body()).doesNotContain("argon2id").doesNotContain("auditor-demo-2026");
    }

    @Test
    void healthWhenOnManagementPortThenOpenAndOnGatewayPortOrOtherPathsThenLoginRequired() throws Exception {
        GatewayClient management = new GatewayClient(managementPort);

        HttpResponse<String> health = management.get("/actuator/health");
        HttpResponse<String> metrics = management.send("GET", "/actuator/prometheus", null, Map.of("Accept", "text/plain"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(health).path("status").asString()).isEqualTo("UP");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
        assertThat(management.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/health").statusCode()).isEqualTo(401);
    }

    @Test
    void purposeWhenChosenForTheSessionThenUsedUntilClearedAndAHeaderOverridesIt() throws Exception {
        String csrf = GatewayClient.json(client.login("epi.suzuki", "epidemiologist-demo-2026")).path("csrfToken")
                .asString();
        Map<String, String> json = Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", csrf);

        HttpResponse<String> unregistered = client.send("PUT", "/api/session/purposes/followup",
                "{\"purpose\":\"marketing\"}", json);
        HttpResponse<String> chosen = client.send("PUT", "/api/session/purposes/followup",
                "{\"purpose\":\"outbreak-analysis\"}", json);
        HttpResponse<String> withChosen = client.get("/systems/followup/subjects?size=1");
        HttpResponse<String> overridden = client.send("GET", "/systems/followup/subjects?size=1", null,
                Map.of("Sekimori-Purpose", "academic-research"));
        HttpResponse<String> cleared = client.send("DELETE", "/api/session/purposes/followup", null,
                Map.of("X-CSRF-TOKEN", csrf));
        HttpResponse<String> withNone = client.get("/systems/followup/subjects?size=1");

        assertThat(unregistered.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(unregistered).path("message").asString()).contains("outbreak-analysis");
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(withChosen.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(withChosen).path("items").get(0).propertyNames())
                .doesNotContain("id", "profileName");
        assertThat(GatewayClient.json(overridden).path("reason").asString()).isEqualTo("purpose-not-granted");
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(GatewayClient.json(withNone).path("reason").asString()).isEqualTo("purpose-required");
    }

    private String sessionCookie() {
        return client.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("SEKIMORI_SESSION")).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private static String withoutCorrelationId(HttpResponse<String> response) {
        return response.body().replaceAll("\"correlationId\":\"[^\"]*\"", "");
    }
}
