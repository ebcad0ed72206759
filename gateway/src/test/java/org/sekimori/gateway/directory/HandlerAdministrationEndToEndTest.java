package org.sekimori.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.OnRecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * An administrator unlocks an account, resets a lost second factor and sets a one-time password,
 * through the running gateway on the embedded store: each takes effect at the next login, a reset
 * ends the handler's sessions, nothing is done for one's own account, and each is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.login.lockout.address-failures=50",
        "sekimori.admin.elevation.required=false"})
class HandlerAdministrationEndToEndTest extends OnRecordingUpstreams {

    static final String COMMENT = "{\"comment\": \"Identity checked in person at the division office.\"}";

    @Test
    void lockedAccountIsUnlockedByAnAdministratorAndLogsInAgain() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(new GatewayClient(port).login("epi.suzuki", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(new GatewayClient(port).login("epi.suzuki", "epidemiologist-demo-2026").statusCode())
                .isEqualTo(401);
        assertThat(listed("epi.suzuki").path("locked").asBoolean()).isTrue();

        assertThat(admin().post(HandlerEndpoints.HANDLERS + "/epi.suzuki/unlock", COMMENT).statusCode())
                .isEqualTo(200);

        assertThat(listed("epi.suzuki").path("locked").asBoolean()).isFalse();
        assertThat(new GatewayClient(port).login("epi.suzuki", "epidemiologist-demo-2026").statusCode())
                .isEqualTo(200);
        assertThat(record("epi.suzuki", "unlocked").path("handler").asString()).isEqualTo("admin.watanabe");
    }

    @Test
    void lostSecondFactorIsResetAndTheHandlersSessionsEnd() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port);
        assertThat(listed("nurse.sato").path("secondFactor").asBoolean()).isTrue();

        assertThat(admin().post(HandlerEndpoints.HANDLERS + "/nurse.sato/reset-second-factor", COMMENT)
                .statusCode()).isEqualTo(200);

        assertThat(nurse.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(listed("nurse.sato").path("secondFactor").asBoolean()).isFalse();
        HttpResponse<String> bothFactors = admin().post(HandlerEndpoints.HANDLERS + "/nurse.sato/reset-password",
                COMMENT);
        assertThat(bothFactors.statusCode()).as("one administrator never replaces both factors").isEqualTo(403);
        assertThat(GatewayClient.json(bothFactors).path("message").asString()).contains("another administrator");
        HttpResponse<String> again = new GatewayClient(port).login("nurse.sato", "nurse-demo-2026");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(again).path("mfa").asBoolean()).isFalse();
    }

    @Test
    void oneTimePasswordIsShownOnceReplacesTheOldAndMustBeChanged() throws Exception {
        HttpResponse<String> reset = admin().post(HandlerEndpoints.HANDLERS + "/researcher.ito/reset-password",
                COMMENT);

        assertThat(reset.statusCode()).isEqualTo(200);
        String password = GatewayClient.json(reset).path("password").asString();
        assertThat(password).hasSize(20);
        assertThat(new GatewayClient(port).login("researcher.ito", "researcher-demo-2026").statusCode())
                .isEqualTo(401);
        HttpResponse<String> withNew = new GatewayClient(port).login("researcher.ito", password);
        assertThat(withNew.statusCode()).isEqualTo(202);
        assertThat(GatewayClient.json(withNew).path("next").asString()).contains("password");
        assertThat(listed("researcher.ito").path("mustChangePassword").asBoolean()).isTrue();
        JsonNode recorded = record("researcher.ito", "password-reset");
        assertThat(recorded.toString()).doesNotContain(password).doesNotContain("Identity checked");
    }

    @Test
    void nothingIsDoneForOnesOwnAccountOrAnUnknownOneOrByAHandler() throws Exception {
        assertThat(admin().post(HandlerEndpoints.HANDLERS + "/admin.watanabe/reset-second-factor", COMMENT)
                .statusCode()).isEqualTo(403);
        for (String account : List.of("admin.kimura", "auditor.kato")) {
            for (String reset : List.of("reset-password", "reset-second-factor")) {
                assertThat(admin().post(HandlerEndpoints.HANDLERS + "/" + account + "/" + reset, COMMENT)
                        .statusCode()).as(account + " " + reset).isEqualTo(403);
            }
        }
        assertThat(admin().post(HandlerEndpoints.HANDLERS + "/nobody.here/unlock", COMMENT).statusCode())
                .isEqualTo(404);
        assertThat(admin().post(HandlerEndpoints.HANDLERS + "/epi.suzuki/unlock", "{\"comment\": \"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(DemoHandler.SECRETARIAT.login(port).post(HandlerEndpoints.HANDLERS + "/epi.suzuki/unlock",
                COMMENT).statusCode()).isEqualTo(403);
        assertThat(DemoHandler.SECRETARIAT.login(port).get(HandlerEndpoints.HANDLERS).statusCode()).isEqualTo(403);
    }

    private GatewayClient admin() throws Exception {
        return DemoHandler.ADMINISTRATOR.login(port);
    }

    private JsonNode listed(String userId) throws Exception {
        for (JsonNode handler : GatewayClient.json(admin().get(HandlerEndpoints.HANDLERS)).path("handlers")) {
            if (handler.path("userId").asString().equals(userId)) {
                return handler;
            }
        }
        throw new AssertionError(userId + " is not listed");
    }

    private static JsonNode record(String account, String kind) {
        List<JsonNode> records = AuditJournal.records(dataDir).stream()
                .filter(r -> r.path("event").asString().equals("handler-credentials")
                        && r.path("account").asString().equals(account) && r.path("kind").asString().equals(kind))
                .toList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
