package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Authenticator;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * How sessions end, through the running gateway: a handler's oldest session when a login would
 * exceed the cap, any session at its absolute timeout however busy, an idle one after the idle
 * timeout (short here), and a logged-out one for good. Each end but the logout (which is its own
 * record) is a {@code session-ended} record with its reason. A privileged action (an auditor's
 * export) needs a second factor given within the step-up age (short here too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "management.server.port=0", "sekimori.sessions.sweep-interval=1s",
        "server.reactive.session.timeout=4s", "sekimori.sessions.step-up-max-age=3s"})
@Import(SettableClock.InGateway.class)
class SessionLimitsEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;

    @TempDir
    static Path dataDir;

    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        demo = DemoSystems.start(properties, dataDir);
        properties.add("sekimori.sessions.max-per-handler", () -> "2");
        properties.add("sekimori.sessions.absolute-timeout", () -> "8h");
    }

    @BeforeEach
    void officeHours() {
        CLOCK.set("2026-11-24T10:00:00+09:00");
    }

    @AfterAll
    static void stopUpstreams() {
        demo.close();
    }

    @Test
    void thirdLoginOfAHandlerEndsItsOldestSession() throws Exception {
        List<GatewayClient> logins = List.of(loggedIn("nurse.sato", "nurse-demo-2026"),
                loggedIn("nurse.sato", "nurse-demo-2026"), loggedIn("nurse.sato", "nurse-demo-2026"));

        assertThat(logins.get(0).get("/api/session").statusCode()).isEqualTo(401);
        assertThat(logins.get(1).get("/api/session").statusCode()).isEqualTo(200);
        assertThat(logins.get(2).get("/api/session").statusCode()).isEqualTo(200);
        assertThat(ended("nurse.sato")).containsExactly("limit");
    }

    @Test
    void sessionEndsAtItsAbsoluteTimeoutHoweverBusyAndWhateverStepsItTook() throws Exception {
        GatewayClient client = loggedIn("epi.suzuki", "epidemiologist-demo-2026");
        CLOCK.set("2026-11-24T17:00:00+09:00");
        assertThat(client.post("/api/session/password", "{\"currentPassword\": \"epidemiologist-demo-2026\", "
                + "\"newPassword\": \"kumo-no-ue-made-2026\"}").statusCode()).as("a step does not restart the login")
                .isEqualTo(200);
        CLOCK.set("2026-11-24T17:59:00+09:00");
        assertThat(client.get("/api/session").statusCode()).isEqualTo(200);

        CLOCK.set("2026-11-24T18:00:01+09:00");
        assertThat(client.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(ended("epi.suzuki")).containsExactly("absolute");
    }

    @Test
    void idleSessionEndsAndIsRecordedButALoggedOutOneIsNot() throws Exception {
        GatewayClient leaves = loggedIn("researcher.ito", "researcher-demo-2026");
        GatewayClient idles = loggedIn("researcher.ito", "researcher-demo-2026");
        assertThat(leaves.send("DELETE", "/api/session", null, Map.of()).statusCode()).isEqualTo(204);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ended("researcher.ito").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        assertThat(idles.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(leaves.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(ended("researcher.ito")).containsExactly("idle");
        assertThat(AuditJournal.records(dataDir)).anySatisfy(record -> {
            assertThat(record.path("event").asString()).isEqualTo("logout");
            assertThat(record.path("handler").asString()).isEqualTo("researcher.ito");
        });
    }

    @Test
    void auditorExportNeedsARecentSecondFactorAndStepUpRenewsIt() throws Exception {
        GatewayClient auditor = loggedIn("auditor.kato", "auditor-demo-2026");
        String secret = GatewayClient.json(auditor.post("/api/session/totp", "{}")).path("secret").asString();
        Authenticator device = Authenticator.enrol(port, "auditor.kato", secret);
        assertThat(auditor.post("/api/session/totp/confirm", "{\"code\": \"" + device.nextCode() + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(auditor.get("/api/audit/export").statusCode()).isEqualTo(200);

        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
        try {
            // The idle timeout is short here: keep the session in use while the step-up age passes.
            keepAlive.scheduleAtFixedRate(() -> {
                try {
                    auditor.get("/api/session");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 1, TimeUnit.SECONDS);
            Thread.sleep(3_500);
            HttpResponse<String> stale = auditor.get("/api/audit/export");
            HttpResponse<String> wrongCode = auditor.post("/api/session/step-up", "{\"code\": \"000000\"}");
            HttpResponse<String> steppedUp = auditor.post("/api/session/step-up",
                    "{\"code\": \"" + device.nextCode() + "\"}");
            HttpResponse<String> fresh = auditor.get("/api/audit/export");

            assertThat(stale.statusCode()).isEqualTo(403);
            assertThat(GatewayClient.json(stale).path("message").asString()).contains("POST /api/session/step-up");
            assertThat(wrongCode.statusCode()).isEqualTo(401);
            assertThat(steppedUp.statusCode()).as(steppedUp.body()).isEqualTo(200);
            assertThat(fresh.statusCode()).isEqualTo(200);
        } finally {
            keepAlive.shutdownNow();
        }
        assertThat(AuditJournal.failures(dataDir, "access")).contains("step-up-required");
        assertThat(AuditJournal.failures(dataDir, "step-up")).containsExactly("mfa-failed", "");
    }

    private GatewayClient loggedIn(String userId, String password) throws Exception {
        GatewayClient client = new GatewayClient(port);
        JsonNode session = GatewayClient.json(client.login(userId, password));
        client.header("X-CSRF-TOKEN", session.path("csrfToken").asString());
        return client;
    }

    private List<String> ended(String userId) {
        return AuditJournal.records(dataDir).stream()
                .filter(record -> record.path("event").asString().equals("session-ended")
                        && record.path("handler").asString().equals(userId))
                .map(record -> record.path("reason").asString()).toList();
    }
}
