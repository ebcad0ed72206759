package org.sekimori.gateway.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Grant requests through the running gateway on its embedded store, with the demo data systems as
 * real processes and the gateway's clock set by the test: a handler asks, an administrator
 * approves, the handler sees what was granted and nothing more, until it is revoked or its last
 * day passes; every change is in the history and the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.grant-requests.check-interval=200ms",
        "sekimori.admin.elevation.required=false"})
@Import(SettableClock.InGateway.class)
class GrantRequestEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String SUBJECTS = "/systems/followup/subjects?size=5";
    static final String REASON = "Occupational exposure is part of the cluster analysis this month.";
    static final Duration WAIT = Duration.ofSeconds(20);

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

    @BeforeEach
    void tuesdayMorningInTokyo() {
        CLOCK.set("2026-11-24T10:00:00+09:00");
    }

    @Test
    void approvedRequestShowsTheGrantedItemToThatHandlerOnlyUntilRevoked() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        assertThat(occupationShown(epidemiologist)).isFalse();

        JsonNode asked = created(epidemiologist, request("2026-11-30"));
        assertThat(asked.path("state").asString()).isEqualTo("pending");
        assertThat(asked.path("requester").asString()).isEqualTo("epi.suzuki");
        assertThat(asked.path("endsAt").asString()).isEqualTo("2026-11-30T15:00:00Z");
        assertThat(occupationShown(epidemiologist)).as("pending gives nothing").isFalse();

        JsonNode approved = GatewayClient.json(decide(asked, "approve", "Approved for the November cluster study."));
        assertThat(approved.path("state").asString()).isEqualTo("approved");
        assertThat(approved.path("decision").path("by").asString()).isEqualTo("admin.watanabe");
        assertThat(occupationShown(epidemiologist)).isTrue();
        JsonNode record = lastFollowupAccess();
        assertThat(record.path("rule").asString()).isEqualTo("grant/epidemiologist-outbreak-analysis");
        assertThat(record.path("moreRules").toString()).isEqualTo("[\"request/" + asked.path("id").asString() + "\"]");
        assertThat(occupationShown(DemoHandler.RESEARCHER.login(port).purpose("academic-research"))).isFalse();
        assertThat(ledgerRules("epi.suzuki")).containsExactly("grant/epidemiologist-outbreak-analysis",
                "request/" + asked.path("id").asString());

        HttpResponse<String> revoked = decide(asked, "revoke", "The study ended early; access no longer needed.");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(occupationShown(epidemiologist)).isFalse();
        assertThat(ledgerRules("epi.suzuki")).containsExactly("grant/epidemiologist-outbreak-analysis");

        JsonNode history = GatewayClient.json(admin().get(GrantDecisionEndpoints.REQUESTS + "/" + asked.path("id")
                .asString())).path("history");
        assertThat(kinds(history)).containsExactly("requested", "approved", "revoked");
        assertThat(history.get(1).path("by").asString()).isEqualTo("admin.watanabe");
        assertThat(history.get(1).path("comment").asString()).isEqualTo("Approved for the November cluster study.");
        assertThat(history.get(0).path("by").asString()).isEqualTo("epi.suzuki");
    }

    @Test
    void grantEndsAfterItsLastDayWithoutAnyoneActingAndIsMarkedExpired() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        JsonNode asked = created(epidemiologist, request("2026-11-25"));
        assertThat(decide(asked, "approve", "Approved for two days only.").statusCode()).isEqualTo(200);
        assertThat(occupationShown(epidemiologist)).isTrue();

        CLOCK.set("2026-11-25T23:59:59+09:00");
        assertThat(occupationShown(epidemiologist)).isTrue();
        CLOCK.set("2026-11-26T00:00:00+09:00");
        assertThat(occupationShown(epidemiologist)).as("refused at once, before any check marks it").isFalse();

        JsonNode expired = awaitState(asked.path("id").asString(), "expired");
        assertThat(expired.path("end").path("by").asString()).isEqualTo("sekimori");
        assertThat(kinds(expired.path("history"))).containsExactly("requested", "approved", "expired");
    }

    @Test
    void invalidRequestListsEveryErrorAndStoresNothing() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        int before = GatewayClient.json(epidemiologist.get(GrantRequestEndpoints.REQUESTS)).path("grantRequests").size();

        HttpResponse<String> refused = epidemiologist.post(GrantRequestEndpoints.REQUESTS, "{\"dataSystem\": "
                + "\"followup\", \"actions\": [\"read\", \"fly\"], \"purposes\": [\"marketing\"], \"items\": "
                + "{\"shoeSize\": \"show\", \"age\": \"blur\"}, \"lastDay\": \"2027-12-31\", \"reason\": \"need\", "
                + "\"role\": \"administrator\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> errors = texts(GatewayClient.json(refused).path("errors"));
        assertThat(errors).hasSize(7).anySatisfy(e -> assertThat(e).startsWith("'role' is not a member"))
                .anySatisfy(e -> assertThat(e).startsWith("actions: 'fly' is not done by any route of followup"))
                .anySatisfy(e -> assertThat(e).startsWith("purposes: 'marketing' is not registered for followup"))
                .anySatisfy(e -> assertThat(e).isEqualTo("items: 'shoeSize' is not a data item of followup."))
                .anySatisfy(e -> assertThat(e).startsWith("items: 'age' has treatment 'blur'"))
                .anySatisfy(e -> assertThat(e).startsWith("lastDay 2027-12-31 is more than 180 days away"))
                .anySatisfy(e -> assertThat(e).startsWith("reason must say why"));
        assertThat(GatewayClient.json(epidemiologist.get(GrantRequestEndpoints.REQUESTS)).path("grantRequests"))
                .hasSize(before);
        assertThat(epidemiologist.post(GrantRequestEndpoints.REQUESTS, "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void contractorMayNotAskBeyondTheirAccessEnd() throws Exception {
        GatewayClient contractor = DemoHandler.CONTRACTOR.login(port);
        CLOCK.set("2027-03-01T10:00:00+09:00");
        String body = request("2027-04-30").replace("outbreak-analysis", "system-operation");

        HttpResponse<String> refused = contractor.post(GrantRequestEndpoints.REQUESTS, body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(texts(GatewayClient.json(refused).path("errors"))).containsExactly(
                "lastDay 2027-04-30 is after your access ends (2027-03-31); ask until 2027-03-31 at the latest.");
    }

    @Test
    void administratorsDoNotAskForDataAndHandlersDecideNothing() throws Exception {
        HttpResponse<String> refused = admin().post(GrantRequestEndpoints.REQUESTS, request("2026-11-30"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(refused).path("message").asString()).startsWith("Administrators and auditors");
        assertThat(DemoHandler.AUDITOR.login(port).post(GrantRequestEndpoints.REQUESTS, request("2026-11-30"))
                .statusCode()).isEqualTo(403);

        GatewayClient epidemiologist = epidemiologist();
        JsonNode own = created(epidemiologist, request("2026-11-30"));
        assertThat(epidemiologist.post(GrantDecisionEndpoints.REQUESTS + "/" + own.path("id").asString() + "/approve",
                "{\"comment\": \"A handler approving their own.\"}").statusCode()).isEqualTo(403);
        assertThat(DemoHandler.NURSE.login(port).get(GrantRequestEndpoints.REQUESTS + "/" + own.path("id").asString())
                .statusCode()).as("another's request is not found").isEqualTo(404);
        assertThat(GatewayClient.json(admin().get(GrantDecisionEndpoints.REQUESTS + "/" + own.path("id").asString()))
                .path("state").asString()).isEqualTo("pending");
        assertThat(epidemiologist.post(GrantRequestEndpoints.REQUESTS + "/" + own.path("id").asString()
                + "/withdraw", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void withdrawnRequestCannotBeApprovedAndTheAnswerSaysWhy() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        JsonNode asked = created(epidemiologist, request("2026-11-30"));
        String path = GrantRequestEndpoints.REQUESTS + "/" + asked.path("id").asString();
        assertThat(epidemiologist.post(path + "/withdraw", "{}").statusCode()).isEqualTo(200);
        assertThat(epidemiologist.post(path + "/withdraw", "{}").statusCode()).isEqualTo(409);

        HttpResponse<String> late = decide(asked, "approve", "Approving after the fact.");

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(GatewayClient.json(late).path("message").asString()).startsWith("This request is withdrawn");
        assertThat(decide(asked, "reject", "short").statusCode()).as("a comment says why").isEqualTo(400);
    }

    @Test
    void grantsInForceAtAPastMomentAreReconstructed() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        JsonNode asked = created(epidemiologist, request("2026-11-30"));
        String id = asked.path("id").asString();
        CLOCK.set("2026-11-24T11:00:00+09:00");
        assertThat(decide(asked, "approve", "Approved for the cluster study.").statusCode()).isEqualTo(200);
        CLOCK.set("2026-11-27T09:00:00+09:00");
        assertThat(decide(asked, "revoke", "Revoked: the study moved to aggregate data.").statusCode()).isEqualTo(200);

        assertThat(inForce("2026-11-24T10:30:00%2B09:00", "")).doesNotContain(id);
        assertThat(inForce("2026-11-26", "&item=occupation&action=read")).contains(id);
        assertThat(inForce("2026-11-26", "&item=medicalHistory")).doesNotContain(id);
        assertThat(inForce("2026-11-28", "")).doesNotContain(id);
        assertThat(admin().get(GrantDecisionEndpoints.IN_FORCE + "?at=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void everyChangeIsInTheAuditTrailWithItsReasonSealed() throws Exception {
        GatewayClient epidemiologist = epidemiologist();
        JsonNode asked = created(epidemiologist, request("2026-11-30"));
        decide(asked, "reject", "Aggregate data answers this question.");

        List<JsonNode> records = AuditJournal.records(dataDir).stream()
                .filter(r -> r.path("event").asString().equals("grant-request")
                        && r.path("requestId").asString().equals(asked.path("id").asString())).toList();

        assertThat(records).extracting(r -> r.path("kind").asString()).containsExactly("requested", "rejected");
        assertThat(records.get(1).path("handler").asString()).isEqualTo("admin.watanabe");
        assertThat(records.get(1).path("requester").asString()).isEqualTo("epi.suzuki");
        assertThat(records.get(1).path("items").path("occupation").asString()).isEqualTo("show");
        assertThat(records.toString()).doesNotContain(REASON).doesNotContain("Aggregate data answers");
        assertThat(records.get(0).path("reason").asString()).isNotEmpty();
    }

    private GatewayClient epidemiologist() throws Exception {
        return DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
    }

    private GatewayClient admin() throws Exception {
        return DemoHandler.ADMINISTRATOR.login(port);
    }

    private static String request(String lastDay) {
        return "{\"dataSystem\": \"followup\", \"actions\": [\"read\"], \"purposes\": [\"outbreak-analysis\"], "
                + "\"items\": {\"occupation\": \"show\", \"age\": \"age-band-10\"}, \"lastDay\": \"" + lastDay
                + "\", \"reason\": \"" + REASON + "\"}";
    }

    private static JsonNode created(GatewayClient client, String body) throws Exception {
        HttpResponse<String> created = client.post(GrantRequestEndpoints.REQUESTS, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(GrantRequestEndpoints.REQUESTS + "/"
                + GatewayClient.json(created).path("id").asString());
        return GatewayClient.json(created);
    }

    private HttpResponse<String> decide(JsonNode request, String decision, String comment) throws Exception {
        return admin().post(GrantDecisionEndpoints.REQUESTS + "/" + request.path("id").asString() + "/" + decision,
                "{\"comment\": \"" + comment + "\"}");
    }

    private boolean occupationShown(GatewayClient client) throws Exception {
        HttpResponse<String> page = client.get(SUBJECTS);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode items = GatewayClient.json(page).path("items");
        assertThat(items.size()).isPositive();
        boolean shown = items.get(0).has("occupation");
        for (JsonNode item : items) {
            assertThat(item.has("occupation")).as("every record alike").isEqualTo(shown);
        }
        return shown;
    }

    private static JsonNode lastFollowupAccess() {
        List<JsonNode> records = AuditJournal.records(dataDir);
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).path("dataSystem").asString().equals("followup")) {
                return records.get(i);
            }
        }
        throw new AssertionError("no access record of the followup data system");
    }

    /** The rules the generated ledger lists for a handler on the followup data system. */
    private List<String> ledgerRules(String userId) throws Exception {
        List<String> rules = new ArrayList<>();
        for (JsonNode system : GatewayClient.json(admin().get("/api/admin/ledger")).path("dataSystems")) {
            if (system.path("id").asString().equals("followup")) {
                for (JsonNode holder : system.path("handlers")) {
                    if (holder.path("userId").asString().equals(userId)) {
                        holder.path("grants").forEach(grant -> rules.add(grant.path("rule").asString()));
                    }
                }
            }
        }
        return rules;
    }

    private JsonNode awaitState(String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode found;
        do {
            found = GatewayClient.json(admin().get(GrantDecisionEndpoints.REQUESTS + "/" + id));
            if (found.path("state").asString().equals(state)) {
                return found;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("still " + found.path("state").asString() + " after " + WAIT);
    }

    private List<String> inForce(String at, String filters) throws Exception {
        HttpResponse<String> answer = admin().get(GrantDecisionEndpoints.IN_FORCE + "?at=" + at + filters);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        GatewayClient.json(answer).path("grantRequests").forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    private static List<String> kinds(JsonNode history) {
        List<String> kinds = new ArrayList<>();
        history.forEach(event -> kinds.add(event.path("kind").asString()));
        return kinds;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
