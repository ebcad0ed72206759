package org.sekimori.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.Authenticator;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.PostgresServer;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The credential store on a real PostgreSQL (its own server process), as production runs it: the
 * lockout, the second factor and its replay check live in its tables, where every instance of the
 * gateway sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.login.lockout.address-failures=50"})
class LoginPostgresEndToEndTest {

    @TempDir
    static Path dataDir;

    static PostgresServer postgres;
    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) throws Exception {
        postgres = PostgresServer.start();
        upstreams = RecordingUpstreams.start(properties, dataDir);
        properties.add("sekimori.login.url", postgres::jdbcUrl);
        properties.add("sekimori.login.username", postgres::username);
    }

    @AfterAll
    static void stop() throws Exception {
        upstreams.close();
        postgres.close();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountInTheDatabase() throws Exception {
        GatewayClient client = new GatewayClient(port);
        assertThat(client.login("epi.suzuki", "epidemiologist-demo-2026").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(client.login("epi.suzuki", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }

        assertThat(client.login("epi.suzuki", "epidemiologist-demo-2026").statusCode()).isEqualTo(401);
        assertThat(lockedUntilIsSet("epi.suzuki")).isTrue();
    }

    @Test
    void anAuthenticatorEnrolledIsKeptSealedInTheDatabaseAndItsCodeIsGoodOnce() throws Exception {
        GatewayClient auditor = new GatewayClient(port);
        JsonNode pending = GatewayClient.json(auditor.login("auditor.kato", "auditor-demo-2026"));
        auditor.header("X-CSRF-TOKEN", pending.path("csrfToken").asString());
        String secret = GatewayClient.json(auditor.post("/api/session/totp", "{}")).path("secret").asString();
        Authenticator device = Authenticator.enrol(port, "auditor.kato", secret);
        assertThat(auditor.post("/api/session/totp/confirm", "{\"code\": \"" + device.nextCode() + "\"}")
                .statusCode()).isEqualTo(200);

        GatewayClient again = new GatewayClient(port);
        again.header("X-CSRF-TOKEN", GatewayClient.json(again.login("auditor.kato", "auditor-demo-2026"))
                .path("csrfToken").asString());
        String code = device.nextCode();
        assertThat(again.post("/api/session/second-factor", "{\"code\": \"" + code + "\"}").statusCode())
                .isEqualTo(200);
        GatewayClient replay = new GatewayClient(port);
        replay.header("X-CSRF-TOKEN", GatewayClient.json(replay.login("auditor.kato", "auditor-demo-2026"))
                .path("csrfToken").asString());

        assertThat(replay.post("/api/session/second-factor", "{\"code\": \"" + code + "\"}").statusCode())
                .isEqualTo(401);
        try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(
                "select count(*) from recovery_codes r join handler_credentials c on c.user_id = r.user_id "
                        + "where c.user_id = 'auditor.kato'")) {
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(10);
            }
        }
    }

    private static boolean lockedUntilIsSet(String userId) throws Exception {
        try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(
                "select locked_until is not null from handler_credentials where user_id = ?")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
