package org.sekimori.gateway.elevation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.OnRecordingUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Just-in-time elevation through the running gateway with the demo's two administrators and the
 * gateway's clock set by the test: no change without an elevation, none approved by its asker, an
 * elevation ending by itself at its time or earlier when ended, every step recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0"})
@Import(SettableClock.InGateway.class)
class ElevationEndToEndTest extends OnRecordingUpstreams {

    static final SettableClock CLOCK = SettableClock.GATEWAY;
    static final String UNLOCK = "/api/admin/handlers/epi.suzuki/unlock";
    static final String COMMENT = "{\"comment\": \"Identity checked in person at the division office.\"}";

    @Test
    void administratorChangesNothingUntilAnotherApprovesTheirElevationAndOnlyUntilItEnds() throws Exception {
        CLOCK.set("2026-11-24T10:00:00+09:00");
        GatewayClient watanabe = DemoHandler.ADMINISTRATOR.login(port);
        GatewayClient kimura = kimura();
        HttpResponse<String> refused = watanabe.post(UNLOCK, COMMENT);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(refused).path("reason").asString()).isEqualTo("elevation-required");
        assertThat(watanabe.get("/api/admin/handlers").statusCode()).as("reading needs none").isEqualTo(200);

        JsonNode asked = asked(watanabe, "Unlocking the epidemiologist after the helpdesk call.", 2);
        assertThat(asked.path("state").asString()).isEqualTo("pending");
        assertThat(watanabe.post(path(asked, "approve"), COMMENT).statusCode()).isEqualTo(403);
        assertThat(watanabe.post(UNLOCK, COMMENT).statusCode()).as("pending is not elevated").isEqualTo(403);
        HttpResponse<String> approved = kimura.post(path(asked, "approve"), COMMENT);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(GatewayClient.json(approved).path("endsAt").asString()).isEqualTo("2026-11-24T03:00:00Z");
        assertThat(kimura.post(path(asked, "reject"), COMMENT).statusCode()).isEqualTo(409);

        assertThat(watanabe.post(UNLOCK, COMMENT).statusCode()).isEqualTo(200);
        assertThat(kimura.post(UNLOCK, COMMENT).statusCode()).as("the approver is not elevated").isEqualTo(403);
        CLOCK.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(watanabe.post(UNLOCK, COMMENT).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(watanabe.post(UNLOCK, COMMENT).statusCode()).as("ended by itself").isEqualTo(403);
    }

    @Test
    void elevationEndedEarlyEndsAtOnceAndEveryStepIsRecorded() throws Exception {
        CLOCK.set("2026-11-25T10:00:00+09:00");
        GatewayClient kimura = kimura();
        JsonNode asked = asked(kimura, "Reviewing the exceptions of November this morning.", 8);
        assertThat(DemoHandler.ADMINISTRATOR.login(port).post(path(asked, "approve"), COMMENT).statusCode())
                .isEqualTo(200);
        assertThat(kimura.post(UNLOCK, COMMENT).statusCode()).isEqualTo(200);

        assertThat(kimura.post(path(asked, "end"), "{}").statusCode()).isEqualTo(200);

        assertThat(kimura.post(UNLOCK, COMMENT).statusCode()).isEqualTo(403);
        assertThat(kimura.post(path(asked, "end"), "{}").statusCode()).isEqualTo(409);
        List<String> kinds = AuditJournal.records(dataDir).stream()
                .filter(r -> r.path("event").asString().equals("elevation")
                        && r.path("elevationId").asString().equals(asked.path("id").asString()))
                .map(r -> r.path("kind").asString()).toList();
        assertThat(kinds).containsExactly("asked", "approved", "ended");
        assertThat(kimura.post(ElevationEndpoints.ELEVATIONS, "{\"reason\": \"A whole day of changes.\", "
                + "\"hours\": \"9\"}").statusCode()).as("longer than allowed").isEqualTo(400);
        assertThat(DemoHandler.NURSE.login(port).post(ElevationEndpoints.ELEVATIONS, "{\"reason\": "
                + "\"A nurse asking to administer.\", \"hours\": \"1\"}").statusCode()).isEqualTo(403);
    }

    private GatewayClient kimura() throws Exception {
        return DemoHandler.login(port, "admin.kimura", "administrator2-demo-2026");
    }

    /** Hours as a number when more than two, as text ("2") otherwise: both are taken. */
    private static JsonNode asked(GatewayClient administrator, String reason, int hours) throws Exception {
        String given = hours > 2 ? String.valueOf(hours) : "\"" + hours + "\"";
        HttpResponse<String> asked = administrator.post(ElevationEndpoints.ELEVATIONS, "{\"reason\": \"" + reason
                + "\", \"hours\": " + given + "}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return GatewayClient.json(asked);
    }

    private static String path(JsonNode elevation, String step) {
        return ElevationEndpoints.ELEVATIONS + "/" + elevation.path("id").asString() + "/" + step;
    }
}
