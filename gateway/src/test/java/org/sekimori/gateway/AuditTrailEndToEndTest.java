package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.sekimori.gateway.audit.Retention;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.VerifyRecordsCommand;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail as an auditor meets it: a tour of the demo (both demo data systems, real
 * processes) by several handlers, then the records searched, exported and checked through the
 * auditor API of the running gateway. The tour runs once; each test reads what it left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.audit.checkpoint-every=5",
        "sekimori.audit.journal-segment-size=8KB"})
@Import(SettableClock.InGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String OFFICE_HOURS = "2026-11-24T10:00:00+09:00";
    static final String FOLLOWUP = "/systems/followup";
    static final String REGISTRY = "/systems/registry";
    static final String SUBJECT = "F00001";
    static final String JUSTIFICATION = "住民がチャットで呼吸困難を訴えており、電話でも連絡が取れないため、"
            + "感染拡大防止と本人の生命保護のために至急現在の状態と服薬状況を確認する必要がある。";
    /**
     * A user agent that a spreadsheet would run as a formula, with a tab and the bytes of U+202E
     * (right-to-left override), which the server reads as Latin-1 and so as a C1 control. (Netty
     * refuses other control characters in headers outright, with a 400, before the gateway sees them.)
     */
    static final String FORGING_AGENT = "=HYPERLINK(\"x\")\t\u00e2\u0080\u00ae";

    /** Items whose values identify or describe a person: none may appear in any record. */
    static final Set<String> PERSONAL_ITEMS = Set.of("id", "lineUserId", "profileName", "chatMessages", "location",
            "device", "memberNumber", "name", "nameKana", "postalAddress", "email", "phone");

    @TempDir
    static Path dataDir;

    static DemoSystemProcess followup;
    static DemoSystemProcess registry;

    /** Correlation id of each request of the tour, by what it was. */
    static final Map<String, String> TOUR = new HashMap<>();

    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Autowired
    Retention retention;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        followup = DemoSystemProcess.start("followup", 40, dataDir.resolve("followup"));
        registry = DemoSystemProcess.start("registry", 40, dataDir.resolve("registry"));
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
    }

    @BeforeAll
    static void officeHours() {
        CLOCK.set(OFFICE_HOURS);
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @Test
    @Order(1)
    void tour() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");
        TOUR.put("read", id(nurse.get(FOLLOWUP + "/subjects/" + SUBJECT), 200));
        TOUR.put("list", id(nurse.get(FOLLOWUP + "/subjects?size=20"), 200));
        TOUR.put("denied", id(nurse.purpose("research").get(FOLLOWUP + "/subjects/" + SUBJECT), 403));
        TOUR.put("exception", id(nurse.purpose("infection-control").send("GET", FOLLOWUP + "/subjects/" + SUBJECT,
                null, Map.of("Sekimori-Exception", "life-body-property", "Sekimori-Justification",
                        URLEncoder.encode(JUSTIFICATION, StandardCharsets.UTF_8).replace("+", "%20"))), 200));
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        TOUR.put("page", id(epidemiologist.get(FOLLOWUP + "/subjects?size=10"), 200));
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        TOUR.put("export", id(secretariat.get(REGISTRY + "/members/export.csv"), 200));
        TOUR.put("logout", id(secretariat.send("DELETE", "/api/session", null, Map.of()), 204));
        TOUR.put("failed-login", id(new GatewayClient(port).header("User-Agent", "sekimori-test")
                .login("nurse.sato", "not-her-password"), 401));
        TOUR.put("nurse-asks-auditor-api", id(nurse.get("/api/audit/records"), 403));
    }

    @Test
    @Order(2)
    void everyRequestOfTheTourHasItsRecordWithTheFieldsAnAuditorNeeds() throws Exception {
        Map<String, JsonNode> records = recordsByCorrelation();

        JsonNode read = records.get(TOUR.get("read"));
        assertThat(read.path("event").asString()).isEqualTo("access");
        assertThat(read.path("handler").asString()).isEqualTo("nurse.sato");
        assertThat(read.path("roles").toString()).isEqualTo("[\"nurse\"]");
        assertThat(read.path("authentication").asString()).isEqualTo("password");
        assertThat(read.path("mfa").asBoolean(false)).as("every demo handler adds a second factor").isTrue();
        assertThat(read.path("session").asString()).matches("k1:[a-z2-7]{26}");
        assertThat(read.path("client").asString()).isEqualTo("127.0.0.1");
        assertThat(read.path("method").asString()).isEqualTo("GET");
        assertThat(read.path("route").asString()).isEqualTo("/systems/followup/subjects/{subject}");
        assertThat(read.path("dataSystem").asString()).isEqualTo("followup");
        assertThat(read.path("action").asString()).isEqualTo("read");
        assertThat(read.path("purpose").asString()).isEqualTo("follow-up-care");
        assertThat(read.path("decision").asString()).isEqualTo("permit");
        assertThat(read.path("rule").asString()).isEqualTo("grant/nurse-follow-up");
        assertThat(read.path("items").path("profileName").asString()).isEqualTo("show");
        assertThat(read.path("records").asInt()).isEqualTo(1);
        assertThat(read.path("subjects")).hasSize(1);
        assertThat(read.path("status").asInt()).isEqualTo(200);
        assertThat(read.path("bytes").asLong()).isPositive();
        assertThat(read.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(read.path("time").asString()).startsWith("2026-11-24T01:00:00");

        JsonNode page = records.get(TOUR.get("page"));
        assertThat(page.path("items").path("age").asString()).isEqualTo("age-band-10");
        assertThat(page.path("items").path("profileName").asString()).isEqualTo("remove");
        assertThat(page.path("records").asInt()).isEqualTo(page.path("subjects").size()).isPositive();

        JsonNode denied = records.get(TOUR.get("denied"));
        assertThat(denied.path("decision").asString()).isEqualTo("deny");
        assertThat(denied.path("reason").asString()).isEqualTo("purpose-not-registered");
        assertThat(denied.path("status").asInt()).isEqualTo(403);
        assertThat(denied.path("subjects")).hasSize(1);

        JsonNode exception = records.get(TOUR.get("exception"));
        assertThat(exception.path("exception").asString()).isEqualTo("life-body-property");
        assertThat(exception.path("justification").asString()).startsWith("k1:").doesNotContain("呼吸");

        assertThat(records.get(TOUR.get("export")).path("action").asString()).isEqualTo("export");
        assertThat(records.get(TOUR.get("logout")).path("event").asString()).isEqualTo("logout");
        assertThat(records.get(TOUR.get("logout")).path("handler").asString()).isEqualTo("secretariat.yamada");
        // answered with an empty 204 that the server commits after the filters: recorded as answered
        assertThat(records.get(TOUR.get("logout")).path("status").asInt()).isEqualTo(204);
        assertThat(records.get(TOUR.get("logout")).has("outcome")).isFalse();
        JsonNode failed = records.get(TOUR.get("failed-login"));
        assertThat(failed.path("event").asString()).isEqualTo("login");
        assertThat(failed.path("outcome").asString()).isEqualTo("failure");
        assertThat(failed.path("typedUserId").asString()).matches("k1:[a-z2-7]{26}");
        assertThat(failed.has("handler")).isFalse();
        assertThat(records.get(TOUR.get("nurse-asks-auditor-api")).path("status").asInt()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void noRecordHoldsAnyPersonalValueOfAnyDemoSubject() throws Exception {
        Set<String> personal = new LinkedHashSet<>();
        personalValues(followup.json("/subjects?size=100"), personal);
        personalValues(registry.json("/members?size=100"), personal);
        assertThat(personal).hasSizeGreaterThan(200).contains(SUBJECT);

        String export = auditor().get("/api/audit/export").body();

        assertThat(export).contains("\"event\"");
        List<String> found = personal.stream().filter(export::contains).toList();
        assertThat(found).as("personal values found in the audit export").isEmpty();
        assertThat(export).doesNotContain("呼吸困難");
    }

    @Test
    @Order(4)
    void anAuditorFindsWhoTouchedASubjectByItsIdentifierAndTheSearchIsRecordedWithoutIt() throws Exception {
        GatewayClient auditor = auditor();
        HttpResponse<String> found = auditor.get("/api/audit/records?dataSystem=followup&subject=" + SUBJECT);

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        Set<String> correlations = new LinkedHashSet<>();
        GatewayClient.json(found).path("records").forEach(r -> correlations.add(r.path("record").path("correlation")
                .asString()));
        // the epidemiologist's page held F00001 too, masked: it counts as touching the subject
        assertThat(correlations).contains(TOUR.get("read"), TOUR.get("denied"), TOUR.get("exception"),
                TOUR.get("page"));
        assertThat(correlations).doesNotContain(TOUR.get("export"), TOUR.get("failed-login"));

        String searchId = found.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
        JsonNode search = recordsByCorrelation().get(searchId);
        assertThat(search.path("query").path("subject").asString()).matches("k1:[a-z2-7]{26}");
        assertThat(search.toString()).doesNotContain(SUBJECT);
        assertThat(search.path("route").asString()).isEqualTo("/api/audit/records");
    }

    @Test
    @Order(5)
    void anInvokedExceptionRaisesAnAlertInTheMetrics() throws Exception {
        String metrics = new GatewayClient(managementPort).send("GET", "/actuator/prometheus", null,
                Map.of("Accept", "text/plain")).body();

        assertThat(metrics).containsPattern("sekimori_audit_alerts_total\\{kind=\"exception-invoked\"[^}]*\\} 1\\.0");
        assertThat(metrics).contains("sekimori_audit_available 1.0");
        assertThat(metrics).contains("sekimori_audit_commit_seconds_count");
    }

    @Test
    @Order(5)
    void badSearchesAreRefusedNamingEveryMistake() throws Exception {
        HttpResponse<String> bad = auditor().get("/api/audit/records?subject=F00001&limit=0&from=yesterday&colour=red");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(bad).path("message").asString()).contains("Unknown parameter 'colour'")
                .contains("give dataSystem too").contains("limit is").contains("from is");
    }

    @Test
    @Order(6)
    void aSealedJustificationOpensOnlyThroughTheAuditorApi() throws Exception {
        GatewayClient auditor = auditor();
        JsonNode listed = GatewayClient.json(auditor.get("/api/audit/records?exception=true")).path("records").get(0);
        String id = listed.path("id").asString();

        HttpResponse<String> opened = auditor.get("/api/audit/records/" + id.replace(':', '/') + "/justification");

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(GatewayClient.json(opened).path("justification").asString()).isEqualTo(JUSTIFICATION);
        JsonNode record = recordsByCorrelation().get(opened.headers().firstValue("Sekimori-Correlation-Id")
                .orElseThrow());
        assertThat(record.path("query").path("justificationOf").asString()).isEqualTo(id);
    }

    @Test
    @Order(7)
    void theCsvReportRendersAForgedUserAgentInert() throws Exception {
        String forgedId = rawGetWithUserAgent(FOLLOWUP + "/subjects/" + SUBJECT, FORGING_AGENT);

        HttpResponse<String> csv = auditor().get("/api/audit/records.csv?limit=1000");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String row = csv.body().lines().filter(line -> line.contains(forgedId)).findFirst().orElseThrow();
        assertThat(row).contains("\"'=HYPERLINK(\"\"x\"\")\\u0009â\\u0080®")
                .doesNotContain("\t").doesNotContain("\u0080");
        assertThat(csv.body().split("\r\n")).allSatisfy(line -> assertThat(line).startsWith("\""));
    }

    @Test
    @Order(8)
    void theExportLinksEveryRecordToTheOneBeforeAndEveryHashHolds() throws Exception {
        List<ChainEntry> entries = exportedEntries();

        assertThat(entries).hasSizeGreaterThan(TOUR.size());
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry entry = entries.get(i);
            assertThat(entry.hashHolds()).as("hash of %s", entry.id()).isTrue();
            assertThat(entry.seq()).isEqualTo(entries.get(0).seq() + i);
            if (i > 0) {
                assertThat(entry.prev()).isEqualTo(entries.get(i - 1).hash());
            }
        }
    }

    @Test
    @Order(9)
    void theVerifierFindsTheExportIntactAndAOneByteChangeModified() throws Exception {
        GatewayClient auditor = auditor();
        Path copy = dataDir.resolve("copy.ndjson");
        Files.writeString(copy, auditor.get("/api/audit/checkpoints").body()); // before the export: never ahead of it
        Path export = dataDir.resolve("export.ndjson");
        String exported = auditor.get("/api/audit/export").body();
        Files.writeString(export, exported);
        String publicKey = dataDir.resolve("keys/checkpoint.pub").toString();

        assertThat(verify("--public-key", publicKey, "--checkpoints", copy.toString(), export.toString())).isZero();
        Files.writeString(export, exported.replaceFirst("\"purpose\":\"follow-up-care\"",
                "\"purpose\":\"follow-up-cure\""));
        assertThat(verify("--public-key", publicKey, export.toString())).isEqualTo(1);
        assertThat(lastReport).contains("MODIFIED");

        HttpResponse<String> onDemand = auditor.send("POST", "/api/audit/verify", null, Map.of());
        assertThat(onDemand.statusCode()).as(onDemand.body()).isEqualTo(200);
        assertThat(GatewayClient.json(onDemand).path("intact").asBoolean()).isTrue();
        assertThat(GatewayClient.json(onDemand).path("checkpointCopy").asBoolean()).isTrue();
    }

    @Test
    @Order(10)
    void retentionPurgesWhatIsOlderAndRecordsThePurgeSoWhatRemainsStillLinks() throws Exception {
        List<ChainEntry> before = exportedEntries();
        CLOCK.set("2029-11-25T10:00:00+09:00"); // three years and a day after the tour
        auditor(); // a new record, made now, that the purge must keep

        var purge = retention.purge("test").block();

        assertThat(purge).isPresent();
        List<ChainEntry> after = exportedEntries();
        ChainEntry record = after.stream().filter(entry -> entry.record().has("purged")).findFirst().orElseThrow();
        JsonNode purged = record.record().path("purged");
        assertThat(record.record().path("event").asString()).isEqualTo("purge");
        assertThat(record.record().path("by").asString()).isEqualTo("test");
        assertThat(purged.path("from").asLong()).isEqualTo(before.get(0).seq());
        assertThat(after.get(0).seq()).isEqualTo(purged.path("to").asLong() + 1);
        assertThat(after.get(0).prev()).isEqualTo(purged.path("head").asString());
        assertThat(purge.get().count()).isEqualTo(purged.path("to").asLong() - purged.path("from").asLong() + 1);
        HttpResponse<String> verified = auditor().send("POST", "/api/audit/verify", null, Map.of());
        assertThat(GatewayClient.json(verified).path("intact").asBoolean()).as(verified.body()).isTrue();
        CLOCK.set(OFFICE_HOURS);
    }

    private String lastReport = "";

    private int verify(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = VerifyRecordsCommand.run(List.of(args), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        lastReport = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private GatewayClient auditor() throws Exception {
        return DemoHandler.AUDITOR.login(port);
    }

    private List<ChainEntry> exportedEntries() throws Exception {
        HttpResponse<String> export = auditor().get("/api/audit/export");
        assertThat(export.statusCode()).isEqualTo(200);
        List<ChainEntry> entries = new ArrayList<>();
        export.body().lines().map(GatewayClient::json).filter(line -> line.has("record"))
                .forEach(line -> entries.add(ChainEntry.fromJson(line)));
        return entries;
    }

    private Map<String, JsonNode> recordsByCorrelation() throws Exception {
        Map<String, JsonNode> records = new HashMap<>();
        for (ChainEntry entry : exportedEntries()) {
            records.put(entry.record().path("correlation").asString(), entry.record());
        }
        return records;
    }

    private static void personalValues(JsonNode page, Set<String> values) {
        for (JsonNode record : page.path("items")) {
            record.properties().forEach(item -> {
                if (PERSONAL_ITEMS.contains(item.getKey())) {
                    leaves(item.getValue(), values);
                }
            });
        }
    }

    private static void leaves(JsonNode node, Set<String> values) {
        if (node.isString() && node.asString().length() >= 4) {
            values.add(node.asString());
        } else if (node.isNumber()) {
            values.add(node.asString());
        }
        node.forEach(child -> leaves(child, values));
        node.properties().forEach(member -> leaves(member.getValue(), values));
    }

    /** Sends a GET with the user agent's characters as bytes (Latin-1), as a hostile client can. */
    private String rawGetWithUserAgent(String path, String userAgent) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + userAgent
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 401");
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("Sekimori-Correlation-Id: ([0-9a-f-]+)",
                    java.util.regex.Pattern.CASE_INSENSITIVE).matcher(response);
            assertThat(id.find()).isTrue();
            return id.group(1);
        }
    }

    private static String id(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
    }
}
