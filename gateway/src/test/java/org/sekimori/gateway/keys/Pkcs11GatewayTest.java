package org.sekimori.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.SekimoriGatewayApplication;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.store.SoftHsm;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway with its audit keys in a real SoftHSM2 token ({@code sekimori.keys.store=pkcs11}):
 * it starts, records, signs checkpoints that verify, and keeps no PKCS#12 file. SoftHSM2 sees only
 * the tokens there are when the JVM loads it, so the token is made before the context starts, in
 * the directory of the configuration surefire names in {@code SOFTHSM2_CONF} (gateway/pom.xml).
 */
@SpringBootTest(classes = SekimoriGatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.audit.checkpoint-every=2", "sekimori.keys.store=pkcs11",
        "sekimori.keys.pkcs11.token-label=" + SoftHsm.LABEL})
@Import(SettableClock.InGateway.class)
class Pkcs11GatewayTest {


    @TempDir
    static Path dataDir;

    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void token(DynamicPropertyRegistry properties) throws Exception {
        SoftHsm.token();
        Path pinFile = dataDir.resolve("token.pin");
        Files.writeString(pinFile, SoftHsm.PIN, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        upstreams = RecordingUpstreams.start(properties, dataDir);
        properties.add("sekimori.keys.pkcs11.library", SoftHsm.LIBRARY::toString);
        properties.add("sekimori.keys.pkcs11.pin-file", pinFile::toString);
    }

    @BeforeAll
    static void officeHours() {
        SettableClock.GATEWAY.set("2026-11-24T10:00:00+09:00");
    }

    @AfterAll
    static void stop() {
        upstreams.close();
    }

    @Test
    void theGatewayRecordsAndSignsWithKeysInAHardwareTokenAndKeepsNoKeyFile() throws Exception {
        GatewayClient auditor = DemoHandler.AUDITOR.login(port);
        for (int i = 0; i < 3; i++) {
            assertThat(auditor.get("/api/audit/records?limit=1").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> verified = auditor.send("POST", "/api/audit/verify", null, Map.of());
        JsonNode verification = GatewayClient.json(verified);
        assertThat(verification.path("intact").asBoolean()).as(verified.body()).isTrue();
        HttpResponse<String> keys = auditor.get("/api/audit/records?event=key");
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
        assertThat(keys.body()).contains("\"purpose\":\"checkpoint\"", "\"purpose\":\"pseudonym\"",
                "\"kind\":\"created\"");
        assertThat(auditor.get("/api/audit/checkpoints").body()).contains("k1");
        assertThat(dataDir.resolve("keys/keystore.p12")).doesNotExist();
        try (Stream<Path> sealed = Files.list(dataDir.resolve("keys/sealed"))) {
            assertThat(sealed.toList()).as("the checkpoint seed, sealed by the token").isNotEmpty();
        }
    }
}
