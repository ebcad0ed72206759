package org.sekimori.gateway.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.sekimori.gateway.support.DemoHandler;
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
 * The operation and contractor reports through the running gateway, summed from its own audit
 * trail after a known day of work on the demo data systems: reads, a refused read, an exception,
 * a deletion, an export, a contractor's maintenance look and a decided grant request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.admin.elevation.required=false"})
@Import(SettableClock.InGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsEndToEndTest {

    static final String NOVEMBER = "?from=2026-11-01&to=2026-11-30";
    static final String JUSTIFICATION = "住民がチャットで呼吸困難を訴えており、電話でも連絡が取れないため、"
            + "本人の生命保護のために至急現在の状態と服薬状況を確認する必要がある。";

    @TempDir
    static Path dataDir;

    static DemoSystems demo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        demo = DemoSystems.start(properties, dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        demo.close();
    }

    static boolean worked;

    /** One day's work, done once for the class: each report test reads the same trail. */
    void work() throws Exception {
        if (worked) {
            return;
        }
        SettableClock.GATEWAY.set("2026-11-24T10:00:00+09:00");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");
        JsonNode ownArea = GatewayClient.json(nurse.get("/systems/followup/subjects?size=1"));
        assertThat(ownArea.path("items").size()).isEqualTo(1);
        String subject = ownArea.path("items").get(0).path("id").asString();
        assertThat(nurse.send("GET", "/systems/followup/subjects/" + subject, null, Map.of("Sekimori-Purpose",
                "infection-control", "Sekimori-Exception", "life-body-property", "Sekimori-Justification",
                URLEncoder.encode(JUSTIFICATION, StandardCharsets.UTF_8).replace("+", "%20"))).statusCode())
                .isEqualTo(200);

        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        assertThat(epidemiologist.get("/systems/followup/subjects?size=5").statusCode()).isEqualTo(200);
        assertThat(epidemiologist.get("/systems/followup/subjects/" + subject).statusCode()).isEqualTo(403);
        assertThat(epidemiologist.sendForBytes("GET", "/systems/followup/subjects/export.csv", null, Map.of())
                .statusCode()).isEqualTo(200);

        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        String member = GatewayClient.json(secretariat.get("/systems/registry/members?size=1")).path("items").get(0)
                .path("memberNumber").asString();
        assertThat(secretariat.send("DELETE", "/systems/registry/members/" + member, null, Map.of()).statusCode())
                .isEqualTo(204);

        GatewayClient contractor = DemoHandler.CONTRACTOR.login(port).purpose("system-operation");
        assertThat(contractor.get("/systems/followup/subjects?size=3").statusCode()).isEqualTo(200);
        assertThat(contractor.get("/systems/registry/members?size=3").statusCode()).isEqualTo(403);

        HttpResponse<String> asked = epidemiologist.post("/api/grant-requests", "{\"dataSystem\": \"followup\", "
                + "\"actions\": [\"read\"], \"purposes\": [\"outbreak-analysis\"], \"items\": {\"occupation\": "
                + "\"show\"}, \"lastDay\": \"2026-11-30\", \"reason\": \"Occupational exposure in the cluster study.\"}");
        assertThat(asked.statusCode()).isEqualTo(201);
        assertThat(DemoHandler.ADMINISTRATOR.login(port).post("/api/admin/grant-requests/"
                + GatewayClient.json(asked).path("id").asString() + "/approve",
                "{\"comment\": \"Approved for the study.\"}").statusCode()).isEqualTo(200);
        worked = true;
    }

    @Test
    @Order(1)
    void operationReportSumsTheMonthsUseDenialsExceptionsDeletionsExportsAndGrantDecisions() throws Exception {
        work();
        JsonNode report = GatewayClient.json(DemoHandler.ADMINISTRATOR.login(port).get(ReportEndpoints.OPERATIONS
                + NOVEMBER));

        assertThat(report.path("period").toString()).isEqualTo(
                "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"zone\":\"Asia/Tokyo\"}");
        assertThat(report.path("recordsRead").asLong()).isPositive();
        assertThat(rows(report.path("use"))).contains(
                "followup/outbreak-analysis/read requests=1 records=5",
                // Ten subjects, one of whom stopped use (deploy/demo/subjects.yaml).
                "followup/outbreak-analysis/export requests=1 records=9",
                "followup/follow-up-care/read requests=1 records=1",
                "followup/infection-control/read requests=1 records=1",
                "followup/system-operation/read requests=1 records=3",
                "registry/membership-administration/delete requests=1 records=1");
        assertThat(rows(report.path("denials"))).containsExactly("followup/subject-not-addressable count=1",
                "registry/purpose-not-registered count=1");
        JsonNode exception = report.path("exceptions").get(0);
        assertThat(report.path("exceptions")).hasSize(1);
        assertThat(exception.path("handler").asString()).isEqualTo("nurse.sato");
        assertThat(exception.path("exception").asString()).isEqualTo("life-body-property");
        assertThat(exception.path("seq").asLong()).isPositive();
        assertThat(exception.path("review").asString()).isEqualTo("pending");
        assertThat(rows(report.path("deletions"))).containsExactly("registry/membership-administration records=1");
        assertThat(rows(report.path("exportsAndProvisions"))).hasSize(1).first().asString()
                .startsWith("followup/export/outbreak-analysis/(password: ").endsWith(" count=1");
        assertThat(rows(report.path("grantRequestChanges"))).containsExactly("approved count=1", "requested count=1");
        assertThat(report.toString()).doesNotContain(JUSTIFICATION);
    }

    @Test
    @Order(3)
    void contractorReportShowsEachContractorsAccessEndGrantsAndActivity() throws Exception {
        work();
        JsonNode report = GatewayClient.json(DemoHandler.AUDITOR.login(port).get(ReportEndpoints.CONTRACTORS
                + NOVEMBER));

        assertThat(report.path("contractors")).hasSize(1);
        JsonNode contractor = report.path("contractors").get(0);
        assertThat(contractor.path("userId").asString()).isEqualTo("contractor.tanaka");
        assertThat(contractor.path("accessExpires").asString()).isEqualTo("2027-03-31");
        assertThat(contractor.path("grantsHeld").get(0).path("rule").asString())
                .isEqualTo("grant/contractor-maintenance");
        JsonNode activity = contractor.path("activity");
        assertThat(rows(activity.path("use"))).containsExactly("followup/system-operation/read requests=1 records=3");
        assertThat(rows(activity.path("denials"))).containsExactly("registry/purpose-not-registered count=1");
        assertThat(activity.path("lastAccess").asString()).isEqualTo("2026-11-24T01:00:00Z");
        assertThat(rows(activity.path("logins"))).contains("success count=1");
    }

    @Test
    @Order(4)
    void anEarlierPeriodHoldsNoneOfItAndBadPeriodsAndHandlersAreRefused() throws Exception {
        work();
        GatewayClient auditor = DemoHandler.AUDITOR.login(port);

        JsonNode october = GatewayClient.json(auditor.get(ReportEndpoints.OPERATIONS + "?from=2026-10-01&to=2026-10-31"));

        assertThat(october.path("recordsRead").asLong()).isZero();
        assertThat(october.path("use")).isEmpty();
        assertThat(auditor.get(ReportEndpoints.OPERATIONS + "?from=2026-12-01&to=2026-11-01").statusCode())
                .isEqualTo(400);
        assertThat(auditor.get(ReportEndpoints.OPERATIONS + "?from=2025-01-01&to=2026-12-31").statusCode())
                .isEqualTo(400);
        assertThat(auditor.get(ReportEndpoints.OPERATIONS + "?from=april").statusCode()).isEqualTo(400);
        assertThat(DemoHandler.NURSE.login(port).get(ReportEndpoints.OPERATIONS + NOVEMBER).statusCode())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void exceptionIsReviewedOnceBySomeoneElseWithItsJustificationOpenedAndTheReportSaysSo() throws Exception {
        work();
        GatewayClient admin = DemoHandler.ADMINISTRATOR.login(port);
        JsonNode pending = GatewayClient.json(admin.get("/api/admin/exception-reviews?status=pending"))
                .path("exceptions");
        assertThat(pending).hasSize(1);
        String id = pending.get(0).path("id").asString();
        String path = "/api/admin/exception-reviews/" + id.replace(':', '/');

        JsonNode opened = GatewayClient.json(admin.get(path));
        assertThat(opened.path("justification").asString()).isEqualTo(JUSTIFICATION);
        assertThat(opened.path("handler").asString()).isEqualTo("nurse.sato");

        HttpResponse<String> reviewed = admin.post(path, "{\"outcome\": \"justified\", \"comment\": "
                + "\"Called the nurse: the resident was found and treated.\"}");
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(201);
        HttpResponse<String> again = admin.post(path, "{\"outcome\": \"not-justified\", \"comment\": "
                + "\"A second opinion after the first review.\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(admin.post(path, "{\"outcome\": \"maybe\", \"comment\": \"Undecided about this one.\"}")
                .statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/admin/exception-reviews/test/999999").statusCode()).isEqualTo(404);
        assertThat(DemoHandler.AUDITOR.login(port).get("/api/admin/exception-reviews").statusCode()).isEqualTo(403);

        assertThat(GatewayClient.json(admin.get("/api/admin/exception-reviews?status=pending")).path("exceptions"))
                .isEmpty();
        JsonNode report = GatewayClient.json(admin.get(ReportEndpoints.OPERATIONS + NOVEMBER));
        JsonNode review = report.path("exceptions").get(0).path("review");
        assertThat(review.path("outcome").asString()).isEqualTo("justified");
        assertThat(review.path("by").asString()).isEqualTo("admin.watanabe");
        List<JsonNode> records = AuditJournal.records(dataDir).stream()
                .filter(r -> r.path("event").asString().equals("exception-review")).toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("reviewed").asString()).isEqualTo(id);
        assertThat(records.get(0).path("outcome").asString()).isEqualTo("justified");
        assertThat(records.toString()).doesNotContain("resident was found");
    }

    @Test
    @Order(5)
    void accessReviewShowsWhatEachHolderUsedAndRevokesOrNotesEachFinding() throws Exception {
        work();
        GatewayClient admin = DemoHandler.ADMINISTRATOR.login(port);
        JsonNode review = GatewayClient.json(admin.get("/api/admin/access-review?since=2026-11-01"));

        assertThat(holder(review, "admin.watanabe").path("lastLogin").asString(""))
                .as("a first login ends with enrolling the second factor").isEqualTo("2026-11-24T01:00:00Z");
        JsonNode epidemiologist = holder(review, "epi.suzuki");
        JsonNode role = grant(epidemiologist, "grant/epidemiologist-outbreak-analysis");
        assertThat(role.path("uses").asLong()).isEqualTo(2);
        assertThat(role.path("lastUsed").asString()).isEqualTo("2026-11-24T01:00:00Z");
        JsonNode own = epidemiologist.path("grants").get(1);
        assertThat(own.path("rule").asString()).startsWith("request/");
        assertThat(own.path("uses").asLong()).isZero();
        assertThat(grant(holder(review, "researcher.ito"), "grant/researcher-extract").path("uses").asLong()).isZero();
        assertThat(review.path("roles").toString()).contains("{\"role\":\"researcher\"").contains(
                "\"unusedBy\":[\"researcher.ito\"]");

        String requestRule = own.path("rule").asString();
        assertThat(GatewayClient.json(admin.post("/api/admin/access-review/epi.suzuki", finding(requestRule,
                "revoked"))).path("effect").asString()).isEqualTo("revoked");
        assertThat(GatewayClient.json(admin.get("/api/admin/grant-requests/" + requestRule.substring(8)))
                .path("state").asString()).isEqualTo("revoked");
        assertThat(GatewayClient.json(admin.post("/api/admin/access-review/researcher.ito", finding(
                "grant/researcher-extract", "revoked"))).path("effect").asString())
                .startsWith("to be revoked by a directory change removing the role 'researcher'");
        assertThat(admin.post("/api/admin/access-review/epi.suzuki", finding(
                "grant/epidemiologist-outbreak-analysis", "confirmed")).statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/admin/access-review/admin.watanabe", finding("grant/x", "confirmed"))
                .statusCode()).isEqualTo(403);
        assertThat(admin.post("/api/admin/access-review/epi.suzuki", finding("grant/nurse-follow-up", "confirmed"))
                .statusCode()).isEqualTo(404);

        JsonNode after = GatewayClient.json(admin.get("/api/admin/access-review?since=2026-11-01"));
        assertThat(grant(holder(after, "epi.suzuki"), "grant/epidemiologist-outbreak-analysis").path("review")
                .path("outcome").asString()).isEqualTo("confirmed");
        assertThat(holder(after, "epi.suzuki").path("grants")).hasSize(1);
        assertThat(AuditJournal.records(dataDir).stream().filter(r -> r.path("event").asString()
                .equals("access-review"))).hasSize(3);
    }

    private static String finding(String rule, String outcome) {
        return "{\"rule\": \"" + rule + "\", \"outcome\": \"" + outcome + "\", \"comment\": "
                + "\"Checked with the division head in the yearly review.\"}";
    }

    private static JsonNode holder(JsonNode review, String userId) {
        for (JsonNode holder : review.path("handlers")) {
            if (holder.path("userId").asString().equals(userId)) {
                return holder;
            }
        }
        throw new AssertionError(userId + " is not in the review");
    }

    private static JsonNode grant(JsonNode holder, String rule) {
        for (JsonNode grant : holder.path("grants")) {
            if (grant.path("rule").asString().equals(rule)) {
                return grant;
            }
        }
        throw new AssertionError(rule + " is not held");
    }

    /** Each row as "key/key/... counter=n ...", to compare whole rows at once. */
    private static List<String> rows(JsonNode rows) {
        List<String> listed = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> keys = new ArrayList<>();
            List<String> counters = new ArrayList<>();
            for (String name : row.propertyNames()) {
                JsonNode value = row.get(name);
                if (value.isNumber()) {
                    counters.add(name + "=" + value.asLong());
                } else {
                    keys.add(value.asString());
                }
            }
            listed.add(String.join("/", keys) + " " + String.join(" ", counters));
        }
        return listed;
    }
}
