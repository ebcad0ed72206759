package org.sekimori.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Csv;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystems;
import org.sekimori.gateway.support.GatewayClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The generated ledger through the running gateway, with both demo data systems as real processes
 * holding ten subjects each, the demo directory and policy, and the demo ledger with a storage
 * location that would run as script if it were not escaped. The last test stops the registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.directory=../deploy/demo/directory.yaml", "sekimori.policy=../deploy/demo/policy.yaml",
        "sekimori.subjects=../deploy/demo/subjects.yaml", "management.server.port=0",
        "sekimori.admin.record-count-timeout=2s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerEndToEndTest {

    static final String HOSTILE = "<script>alert(\"ledger\")</script> & 'vault'";
    /** How many subjects {@link DemoSystems} gives each demo data system. */
    static final int SUBJECTS = 10;

    @TempDir
    static Path dataDir;

    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        String demoLedger = Files.readString(Path.of("../deploy/demo/ledger.yaml"));
        String original = "storageLocation: \"Prefectural data centre (demo: data/demo/followup on the gateway host)\"";
        assertThat(demoLedger).contains(original);
        Path ledger = dataDir.resolve("ledger.yaml");
        Files.writeString(ledger, demoLedger.replace(original, "storageLocation: \"" + HOSTILE.replace("\"", "\\\"") + "\""));
        properties.add("sekimori.ledger", ledger::toString);
        demo = DemoSystems.start(properties, dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        demo.close();
    }

    @Test
    @Order(1)
    void ledgerWhenAdministratorAsksThenEachDataSystemIsListedWithItsCountAndTheHandlersHoldingRights()
            throws Exception {
        JsonNode ledger = json(DemoHandler.ADMINISTRATOR.login(port).get(LedgerEndpoints.LEDGER));

        assertThat(ledger.path("generatedAt").asString()).isNotEmpty();
        assertThat(ledger.path("policyVersion").asString()).matches("[0-9a-f]{12}");
        assertThat(ids(ledger.path("dataSystems"), "id")).containsExactly("followup", "registry");
        JsonNode followupEntry = system(ledger, "followup");
        assertThat(followupEntry.path("storageLocation").asString()).isEqualTo(HOSTILE);
        assertThat(followupEntry.path("retention").asString()).isEqualTo("P3Y");
        assertThat(followupEntry.path("purposes").get(1).path("id").asString()).isEqualTo("follow-up-care");
        assertThat(followupEntry.path("items")).anySatisfy(item -> {
            assertThat(item.path("name").asString()).isEqualTo("medicalHistory");
            assertThat(item.path("classification").asString()).isEqualTo("sensitive");
        });
        for (String system : List.of("followup", "registry")) {
            JsonNode records = system(ledger, system).path("records");
            assertThat(records.path("status").asString()).isEqualTo("counted");
            assertThat(records.path("count").asLong()).isEqualTo(SUBJECTS)
                    .isEqualTo(subjects(system).path("total").asLong());
            assertThat(records.path("source").asString()).isEqualTo("GET /health, member \"records\"");
        }

        assertThat(ids(followupEntry.path("handlers"), "userId"))
                .containsExactly("nurse.sato", "epi.suzuki", "contractor.tanaka", "researcher.ito");
        JsonNode nurse = followupEntry.path("handlers").get(0);
        assertThat(nurse.path("displayName").asString()).isEqualTo("Sato Hanako");
        assertThat(nurse.path("roles").toString()).isEqualTo("[\"nurse\"]");
        assertThat(nurse.path("contractor").asBoolean()).isFalse();
        JsonNode grant = nurse.path("grants").get(0);
        assertThat(nurse.path("grants")).hasSize(1);
        assertThat(grant.path("rule").asString()).isEqualTo("grant/nurse-follow-up");
        assertThat(grant.path("actions").toString()).isEqualTo("[\"read\",\"update\"]");
        assertThat(ids(grant.path("purposes"), "id")).containsExactly("follow-up-care", "enquiry-response");
        assertThat(grant.path("purposes").get(0).path("description").asString()).startsWith("Information matched");
        assertThat(grant.path("items")).hasSize(15).anySatisfy(item -> {
            assertThat(item.path("name").asString()).isEqualTo("currentCondition");
            assertThat(item.path("classification").asString()).isEqualTo("sensitive");
            assertThat(item.path("treatment").asString()).isEqualTo("show");
        });
        assertThat(grant.path("rows").toString())
                .isEqualTo("{\"item\":\"residenceArea\",\"attribute\":\"areas\",\"values\":[\"相馬市\",\"南相馬市\",\"新地町\"]}");

        JsonNode contractor = followupEntry.path("handlers").get(2);
        assertThat(contractor.path("contractor").asBoolean()).isTrue();
        assertThat(contractor.path("accessExpires").asString()).isEqualTo("2027-03-31");
        assertThat(contractor.path("grants").get(0).path("conditions").toString())
                .isEqualTo("{\"timeWindow\":\"business-hours\"}");
        assertThat(contractor.path("grants").get(0).path("items")).isEmpty();
        JsonNode epidemiologist = followupEntry.path("handlers").get(1).path("grants").get(0);
        assertThat(epidemiologist.path("items").toString()).contains("{\"name\":\"age\",\"classification\":"
                + "\"ordinary\",\"treatment\":\"age-band-10\"}");

        JsonNode society = system(ledger, "registry");
        assertThat(ids(society.path("handlers"), "userId")).containsExactly("secretariat.yamada");
        assertThat(society.path("handlers").get(0).path("grants").get(0).path("actions").toString())
                .isEqualTo("[\"read\",\"input\",\"update\",\"delete\",\"export\"]");
    }

    @Test
    @Order(2)
    void ledgerWhenAuditorAsksThenAnsweredInEveryFormat() throws Exception {
        assertThat(statuses(DemoHandler.AUDITOR)).containsExactly(200, 200, 200);
    }

    @Test
    @Order(3)
    void ledgerWhenNurseAsksThenForbiddenInEveryFormat() throws Exception {
        assertThat(statuses(DemoHandler.NURSE)).containsExactly(403, 403, 403);
    }

    @Test
    @Order(4)
    void csvWhenParsedThenOneRowPerGrantHeld() throws Exception {
        HttpResponse<String> answer = DemoHandler.ADMINISTRATOR.login(port).get(LedgerEndpoints.LEDGER + ".csv");

        assertThat(answer.headers().firstValue("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse("")).matches(
                "attachment; filename=\"ledger-\\d{8}T\\d{6}Z\\.csv\"");
        List<List<String>> rows = Csv.rows(answer.body());
        assertThat(rows.get(0)).isEqualTo(LedgerCsv.HEADER);
        assertThat(rows).hasSize(1 + 5);
        List<String> nurse = rows.stream().filter(row -> row.get(column("handler")).equals("nurse.sato"))
                .findFirst().orElseThrow();
        assertThat(nurse.get(column("dataSystem"))).isEqualTo("followup");
        assertThat(nurse.get(column("actions"))).isEqualTo("read update");
        assertThat(nurse.get(column("grantPurposes"))).isEqualTo("follow-up-care enquiry-response");
        assertThat(nurse.get(column("grantItems"))).contains("medicalHistory=show");
        assertThat(nurse.get(column("rows"))).isEqualTo("residenceArea in areas (相馬市, 南相馬市, 新地町)");
        assertThat(nurse.get(column("records"))).isEqualTo(Integer.toString(SUBJECTS));
        assertThat(nurse.get(column("storageLocation"))).isEqualTo(HOSTILE);
        assertThat(rows.stream().filter(row -> row.get(column("dataSystem")).equals("registry")).toList())
                .singleElement().satisfies(row -> assertThat(row.get(column("records"))).isEqualTo("10"));
    }

    @Test
    @Order(5)
    void htmlWhenALedgerFieldHoldsMarkupThenItIsEscaped() throws Exception {
        HttpResponse<String> answer = DemoHandler.ADMINISTRATOR.login(port).get(LedgerEndpoints.LEDGER + ".html");

        assertThat(answer.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
        assertThat(answer.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'none'");
        assertThat(answer.body()).contains("個人情報管理台帳", "相馬市", "grant/nurse-follow-up", "@media print")
                .contains("&lt;script&gt;alert(&quot;ledger&quot;)&lt;/script&gt; &amp; &#39;vault&#39;")
                .doesNotContain("<script");
    }

    @Test
    @Order(6)
    void noFormatHoldsAnyValueOfAPersonalItem() throws Exception {
        List<String> values = new ArrayList<>();
        Map<String, List<String>> personal = Map.of(
                "followup", List.of("id", "lineUserId", "profileName", "device", "location"),
                "registry", List.of("memberNumber", "name", "nameKana", "postalAddress", "email", "phone"));
        personal.forEach((system, items) -> {
            try {
                for (JsonNode subject : subjects(system).path("items")) {
                    for (String item : items) {
                        JsonNode value = subject.get(item);
                        if (value != null && !value.isNull() && value.toString().length() > 4) {
                            values.add(value.isString() ? value.asString() : value.toString());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(values).hasSizeGreaterThan(50);
        GatewayClient administrator = DemoHandler.ADMINISTRATOR.login(port);
        for (String format : List.of("", ".csv", ".html")) {
            String body = administrator.get(LedgerEndpoints.LEDGER + format).body();
            for (String value : values) {
                assertThat(body).as(format).doesNotContain(value);
            }
        }
    }

    @Test
    @Order(7)
    void everyGenerationIsRecordedWithWhoAndTheFormat() throws Exception {
        GatewayClient administrator = DemoHandler.ADMINISTRATOR.login(port);
        assertThat(administrator.get(LedgerEndpoints.LEDGER + ".csv").statusCode()).isEqualTo(200);
        assertThat(records()).anySatisfy(record -> {
            assertThat(record.path("handler").asString()).isEqualTo("admin.watanabe");
            assertThat(record.path("route").asString()).isEqualTo("/api/admin/ledger.csv");
            assertThat(record.path("query").toString()).isEqualTo("{\"ledger\":\"csv\"}");
            assertThat(record.path("status").asInt()).isEqualTo(200);
            assertThat(record.path("time").asString()).isNotEmpty();
        }).anySatisfy(record -> {
            assertThat(record.path("handler").asString()).isEqualTo("nurse.sato");
            assertThat(record.path("route").asString()).isEqualTo("/api/admin/ledger.html");
            assertThat(record.path("status").asInt()).isEqualTo(403);
        }).anySatisfy(record -> {
            assertThat(record.path("handler").asString()).isEqualTo("auditor.kato");
            assertThat(record.path("query").toString()).isEqualTo("{\"ledger\":\"html\"}");
        });
    }

    @Test
    @Order(8)
    void ledgerWhenADataSystemIsDownThenItsCountIsUnknownAndTheRestIsGiven() throws Exception {
        demo.registry().close();
        long start = System.nanoTime();
        HttpResponse<String> answer = DemoHandler.ADMINISTRATOR.login(port).get(LedgerEndpoints.LEDGER);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        JsonNode ledger = json(answer);
        JsonNode records = system(ledger, "registry").path("records");
        assertThat(records.path("status").asString()).isEqualTo("unknown");
        assertThat(records.has("count")).isFalse();
        assertThat(records.path("reason").asString()).startsWith("the data system could not be asked");
        assertThat(ids(system(ledger, "registry").path("handlers"), "userId")).containsExactly("secretariat.yamada");
        assertThat(system(ledger, "followup").path("records").path("count").asLong()).isEqualTo(SUBJECTS);
        assertThat(Csv.rows(DemoHandler.ADMINISTRATOR.login(port).get(LedgerEndpoints.LEDGER + ".csv").body()))
                .anySatisfy(row -> assertThat(row.get(column("records")))
                        .startsWith("unknown: the data system could not be asked"));
    }

    /** What {@code handler} is answered for the JSON, CSV and HTML ledger, in that order. */
    private List<Integer> statuses(DemoHandler handler) throws Exception {
        GatewayClient client = handler.login(port);
        List<Integer> statuses = new ArrayList<>();
        for (String format : List.of("", ".csv", ".html")) {
            statuses.add(client.get(LedgerEndpoints.LEDGER + format).statusCode());
        }
        return statuses;
    }

    private static JsonNode json(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return GatewayClient.json(answer);
    }

    private static JsonNode system(JsonNode ledger, String id) {
        for (JsonNode system : ledger.path("dataSystems")) {
            if (system.path("id").asString().equals(id)) {
                return system;
            }
        }
        throw new AssertionError("no data system " + id + " in " + ledger);
    }

    private static List<String> ids(JsonNode array, String member) {
        List<String> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.path(member).asString()));
        return ids;
    }

    private static int column(String name) {
        return LedgerCsv.HEADER.indexOf(name);
    }

    /** The first page of a demo data system's records, straight from it (the registry calls them members). */
    private static JsonNode subjects(String system) throws Exception {
        return system.equals("followup") ? demo.followup().json("/subjects?size=100")
                : demo.registry().json("/members?size=100");
    }

    /** The journal is written as answers are released; wait briefly for the last one. */
    private static List<JsonNode> records() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<JsonNode> records = AuditJournal.records(dataDir);
        while (System.nanoTime() < deadline && records.stream().noneMatch(record ->
                record.path("route").asString().equals("/api/admin/ledger.csv"))) {
            Thread.sleep(100);
            records = AuditJournal.records(dataDir);
        }
        return records;
    }
}
