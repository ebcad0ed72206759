package org.sekimori.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.SekimoriGatewayApplication;
import org.sekimori.gateway.audit.chain.VerifyRecordsCommand;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.store.CheckpointKeyRing;
import org.sekimori.keys.store.PseudonymKeyRing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Both audit keys rotated under a running gateway (their age passed by moving its clock on): the
 * trail made across the rotation still verifies, in the gateway and offline with the per-key public
 * files; a subject is found in records made before and after; and the key records say what
 * happened to which key without any secret.
 */
@SpringBootTest(classes = SekimoriGatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.audit.checkpoint-every=5",
        "sekimori.keys.checkpoint-rotation=7d", "sekimori.keys.pseudonym-rotation=7d"})
@Import(SettableClock.InGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String READ = "/systems/followup/subjects/F00001";
    static final Set<String> KEY_RECORD_FIELDS = Set.of("event", "time", "kind", "purpose", "keyId", "state");

    @TempDir
    static Path dataDir;

    static DemoSystemProcess followup;
    static DemoSystemProcess registry;
    static String before;
    static String after;

    @LocalServerPort
    int port;

    @Autowired
    KeyRotation rotation;

    @Autowired
    CheckpointKeyRing checkpointKeys;

    @Autowired
    PseudonymKeyRing pseudonymKeys;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        followup = DemoSystemProcess.start("followup", 20, dataDir.resolve("followup"));
        registry = DemoSystemProcess.start("registry", 20, dataDir.resolve("registry"));
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
    }

    @BeforeAll
    static void officeHours() {
        CLOCK.set("2026-11-24T10:00:00+09:00"); // a Tuesday; two weeks on is a Tuesday too
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @Test
    @Order(1)
    void bothKeysRotateOnceOlderThanTheirRotationAgeAndTheGatewayGoesOnRecording() throws Exception {
        before = correlation(nurse().get(READ));
        assertThat(checkpointKeys.ring().active().id()).isEqualTo("k1");

        CLOCK.advance(Duration.ofDays(14));
        rotation.check();

        assertThat(checkpointKeys.ring().active().id()).isEqualTo("k2");
        assertThat(pseudonymKeys.ring().active().id()).isEqualTo("k2");
        after = correlation(nurse().get(READ));
        Path keys = dataDir.resolve("keys");
        assertThat(Files.readString(keys.resolve("checkpoint.pub")))
                .isEqualTo(Files.readString(keys.resolve("checkpoint-k2.pub")));
        assertThat(keys.resolve("checkpoint-k1.pub")).exists();
    }

    @Test
    @Order(2)
    void theWholeTrailStillVerifiesInTheGatewayAndOfflineWithEveryKeysPublicFile() throws Exception {
        GatewayClient auditor = auditor();
        HttpResponse<String> verified = auditor.send("POST", "/api/audit/verify", null, Map.of());
        assertThat(GatewayClient.json(verified).path("intact").asBoolean()).as(verified.body()).isTrue();

        Path copy = dataDir.resolve("copy.ndjson");
        Files.writeString(copy, auditor.get("/api/audit/checkpoints").body());
        Path export = dataDir.resolve("export.ndjson");
        Files.writeString(export, auditor.get("/api/audit/export").body());
        String k1 = dataDir.resolve("keys/checkpoint-k1.pub").toString();
        String k2 = dataDir.resolve("keys/checkpoint-k2.pub").toString();

        assertThat(verify("--public-key", k1, "--public-key", k2, "--checkpoints", copy.toString(),
                export.toString())).as(lastReport).isZero();
        assertThat(verify("--public-key", k2, export.toString())).as("the checkpoints before the rotation need k1")
                .isNotZero();
        assertThat(auditor.get("/api/audit/public-key").body()).startsWith("# key id: k2").contains("# key id: k1");
    }

    @Test
    @Order(3)
    void aSearchBySubjectFindsRecordsMadeBeforeAndAfterThePseudonymKeyRotated() throws Exception {
        HttpResponse<String> found = auditor().get("/api/audit/records?dataSystem=followup&subject=F00001");

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        Set<String> correlations = new LinkedHashSet<>();
        List<String> pseudonyms = new ArrayList<>();
        GatewayClient.json(found).path("records").forEach(r -> {
            correlations.add(r.path("record").path("correlation").asString());
            r.path("record").path("subjects").forEach(subject -> pseudonyms.add(subject.asString()));
        });
        assertThat(correlations).contains(before, after);
        assertThat(pseudonyms).anyMatch(p -> p.startsWith("k1:")).anyMatch(p -> p.startsWith("k2:"));
    }

    @Test
    @Order(4)
    void theTrailRecordsEachKeyCreatedAndRotatedWithoutAnySecret() throws Exception {
        String export = auditor().get("/api/audit/export").body();
        List<JsonNode> keyRecords = export.lines().map(GatewayClient::json)
                .filter(line -> line.path("record").path("event").asString("").equals("key"))
                .map(line -> line.path("record")).toList();
        Set<String> happened = new LinkedHashSet<>();
        for (JsonNode record : keyRecords) {
            assertThat(record.properties().stream().map(Map.Entry::getKey).toList())
                    .containsExactlyInAnyOrderElementsOf(KEY_RECORD_FIELDS);
            happened.add(record.path("kind").asString() + " " + record.path("purpose").asString() + " "
                    + record.path("keyId").asString() + " " + record.path("state").asString());
        }

        assertThat(happened).contains("created checkpoint k1 active", "created pseudonym k1 active",
                "created checkpoint k2 active", "created pseudonym k2 active",
                "rotated checkpoint k1 verify-only", "rotated pseudonym k1 verify-only",
                "public-part-exported checkpoint k1 active", "public-part-exported checkpoint k2 active");
        for (byte[] secret : secrets()) {
            assertThat(export).doesNotContain(HexFormat.of().formatHex(secret))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }
    }

    /** Every secret in the PKCS#12 key store (the rings' seal too), read with its password as the gateway does. */
    private static List<byte[]> secrets() throws Exception {
        Path keys = dataDir.resolve("keys");
        char[] password = Files.readString(keys.resolve("keystore.password")).strip().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.resolve("keystore.p12"))) {
            store.load(in, password);
        }
        List<String> aliases = java.util.Collections.list(store.aliases());
        assertThat(aliases).contains("checkpoint-k1", "checkpoint-k2", "pseudonym-k1", "pseudonym-k2");
        List<byte[]> secrets = new ArrayList<>();
        for (String alias : aliases) {
            secrets.add(store.getKey(alias, password).getEncoded());
        }
        return secrets;
    }

    private String lastReport = "";

    private int verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = VerifyRecordsCommand.run(List.of(args), print, print);
        lastReport = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private GatewayClient nurse() throws Exception {
        return DemoHandler.NURSE.login(port).purpose("follow-up-care");
    }

    private GatewayClient auditor() throws Exception {
        return DemoHandler.AUDITOR.login(port);
    }

    private static String correlation(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
    }
}
