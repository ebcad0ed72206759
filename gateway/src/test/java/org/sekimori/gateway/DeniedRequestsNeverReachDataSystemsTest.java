package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.RecordingUpstream;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whoever asks and however they ask, a request the gateway refuses never reaches a data system,
 * and one it lets through reaches it exactly once, as sent. Both data systems are recording
 * stand-ins here, answering as a data system would, so every request that got past the gateway is
 * seen; every demo handler sends every route of the ledger (and some that are not) with each way
 * of stating a purpose and an exception.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0"})
@Import(SettableClock.InGateway.class)
class DeniedRequestsNeverReachDataSystemsTest {

    static final String OFFICE_HOURS = "2026-11-24T10:00:00+09:00";
    static final SettableClock CLOCK = SettableClock.GATEWAY;
    /** When the contractor's grant is closed: a Tuesday evening and a national holiday. */
    static final List<String> CLOSED = List.of("2026-11-24T21:30:00+09:00", "2026-11-23T10:00:00+09:00");

    static final String SUBJECT = "{\"id\":\"F00001\",\"age\":30,\"sex\":\"female\",\"residenceArea\":\"新地町\","
            + "\"currentCondition\":\"fever\",\"updatedAt\":\"2021-04-09T03:26:42Z\"}";
    static final String SUBJECTS_CSV = "id,age,sex,residenceArea,currentCondition,updatedAt\r\n"
            + "F00001,30,female,新地町,fever,2021-04-09T03:26:42Z\r\n";
    static final String MEMBER = "{\"memberNumber\":\"M000001\",\"name\":\"山田 花子\",\"email\":\"hanako@example.org\"}";
    static final String MEMBERS_CSV = "memberNumber,name,email\r\nM000001,山田 花子,hanako@example.org\r\n";

    static final String LONG_JUSTIFICATION = "%E4%BD%8F%E6%B0%91%E3%81%8C%E5%91%BC%E5%90%B8%E5%9B%B0%E9%9B%A3%E3%82"
            + "%92%E8%A8%B4%E3%81%88 and cannot be reached by phone; checking the record now.";

    /** The requests: every route of both data systems, use-stopped subjects, refused items, unlisted paths and methods. */
    static final List<String[]> REQUESTS = List.of(
            new String[] {"GET", "/systems/followup/subjects?size=10", null},
            new String[] {"POST", "/systems/followup/subjects", "{\"occupation\":\"teacher\"}"},
            new String[] {"GET", "/systems/followup/subjects/F00003", null},
            new String[] {"GET", "/systems/followup/subjects/F00007", null},
            new String[] {"PUT", "/systems/followup/subjects/F00003", "{\"occupation\":\"teacher\"}"},
            new String[] {"PUT", "/systems/followup/subjects/F00003", "{\"occupation\":\"x\",\"bloodType\":\"AB\"}"},
            new String[] {"PUT", "/systems/followup/subjects/F00042", "{\"occupation\":\"teacher\"}"},
            new String[] {"DELETE", "/systems/followup/subjects/F00003", null},
            new String[] {"GET", "/systems/followup/subjects/export.csv", null},
            new String[] {"GET", "/systems/followup/subjects/F00003/history", null},
            new String[] {"PATCH", "/systems/followup/subjects/F00003", "{\"occupation\":\"teacher\"}"},
            new String[] {"GET", "/systems/registry/members", null},
            new String[] {"POST", "/systems/registry/members", "{\"name\":\"山田 花子\"}"},
            new String[] {"POST", "/systems/registry/members", "{\"name\":\"山田 花子\",\"password\":\"x\"}"},
            new String[] {"GET", "/systems/registry/members/M000001", null},
            new String[] {"GET", "/systems/registry/members/M000013", null},
            new String[] {"PUT", "/systems/registry/members/M000001", "{\"email\":\"a@example.org\"}"},
            new String[] {"PUT", "/systems/registry/members/M000013", "{\"email\":\"a@example.org\"}"},
            new String[] {"DELETE", "/systems/registry/members/M000013", null},
            new String[] {"GET", "/systems/registry/members/export.csv", null},
            new String[] {"GET", "/systems/registry/members/M000001/history", null},
            new String[] {"PATCH", "/systems/registry/members", "{\"email\":\"a@example.org\"}"});

    /** No purpose, one no data system registers, and every purpose each data system registers. */
    static final Map<String, List<String>> PURPOSES = Map.of(
            "followup", List.of("", "marketing", "system-operation", "follow-up-care", "enquiry-response",
                    "outbreak-analysis", "infection-control", "other-infections", "academic-research"),
            "registry", List.of("", "marketing", "membership-administration", "society-communication",
                    "academic-meetings"));

    /** Sekimori-Exception and Sekimori-Justification: none, valid for some roles, refused for all. */
    static final List<Map<String, String>> EXCEPTIONS = List.of(
            Map.of(),
            Map.of("Sekimori-Exception", "life-body-property", "Sekimori-Justification", LONG_JUSTIFICATION),
            Map.of("Sekimori-Exception", "public-body-cooperation", "Sekimori-Justification", LONG_JUSTIFICATION),
            Map.of("Sekimori-Exception", "life-body-property", "Sekimori-Justification", "urgent"),
            Map.of("Sekimori-Exception", "curiosity", "Sekimori-Justification", LONG_JUSTIFICATION),
            Map.of("Sekimori-Justification", LONG_JUSTIFICATION));

    static final Set<Integer> REFUSALS = Set.of(400, 403, 404, 405, 413, 415);

    @TempDir
    static Path dataDir;

    static RecordingUpstream followup;
    static RecordingUpstream registry;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        followup = new RecordingUpstream();
        followup.answer(RecordingUpstream.dataSystem(SUBJECT, SUBJECTS_CSV));
        registry = new RecordingUpstream();
        registry.answer(RecordingUpstream.dataSystem(MEMBER, MEMBERS_CSV));
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DemoHandler.class)
    void requestWhenRefusedThenNothingReachesAnyDataSystemAndWhenLetThroughThenExactlyWhatWasSent(
            DemoHandler handler) throws Exception {
        GatewayClient client = handler.login(port);
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        List<String> times = handler == DemoHandler.CONTRACTOR
                ? List.of(OFFICE_HOURS, CLOSED.get(0), CLOSED.get(1)) : List.of(OFFICE_HOURS);
        for (String time : times) {
            CLOCK.set(time);
            for (String[] request : REQUESTS) {
                String system = request[1].split("/")[2];
                for (String purpose : PURPOSES.get(system)) {
                    for (Map<String, String> exception : EXCEPTIONS) {
                        String violation = check(client, request, purpose, exception, statuses);
                        if (violation != null) {
                            violations.add(handler + " at " + time + ": " + violation);
                        }
                    }
                }
            }
        }
        CLOCK.set(OFFICE_HOURS);

        assertThat(violations).as("requests whose fate and what reached the data systems disagree").isEmpty();
        assertThat(statuses.keySet()).as("statuses seen").allMatch(status -> status < 300 || REFUSALS.contains(status));
        assertThat(statuses).as("some requests of each kind, or the property says nothing").containsKeys(403, 404, 405);
        if (handler == DemoHandler.NURSE || handler == DemoHandler.SECRETARIAT || handler == DemoHandler.RESEARCHER) {
            assertThat(statuses.getOrDefault(200, 0)).as("requests let through").isPositive();
        }
    }

    /** Sends one request; answers what is wrong with what reached the data systems, or null. */
    private String check(GatewayClient client, String[] request, String purpose, Map<String, String> exception,
            Map<Integer, Integer> statuses) throws Exception {
        followup.clear();
        registry.clear();
        Map<String, String> headers = new LinkedHashMap<>(exception);
        headers.put("Content-Type", "application/json");
        if (!purpose.isEmpty()) {
            headers.put("Sekimori-Purpose", purpose);
        }
        String what = request[0] + " " + request[1] + " purpose '" + purpose + "' " + exception;
        HttpResponse<String> response;
        try {
            response = client.send(request[0], request[1], request[2], headers);
        } catch (HttpTimeoutException e) {
            return what + " got no answer";
        }
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        what += " got " + status;
        String path = request[1].replaceFirst("^/systems/[a-z]+", "").replaceFirst("\\?.*", "");
        List<RecordingUpstream.Received> reached = new ArrayList<>(followup.received());
        reached.addAll(registry.received());
        // Before a write by a handler scoped to some records, the gateway itself reads the record to
        // check it is in scope; that read is the gateway's, not the handler's, and returns nothing to them.
        if (!request[0].equals("GET")) {
            reached.removeIf(received -> received.method().equals("GET") && received.path().equals(path));
        }
        if (status >= 300) {
            if (!reached.isEmpty()) {
                return what + " but the data system received " + reached.get(0).method() + " " + reached.get(0).path();
            }
            if (status == 403 && GatewayClient.json(response).path("reason").asString().isEmpty()) {
                return what + " without a reason: " + response.body();
            }
            return null;
        }
        if (reached.size() != 1 || !reached.get(0).method().equals(request[0]) || !reached.get(0).path().equals(path)) {
            return what + " but the data systems received " + reached.size() + " request(s)"
                    + (reached.isEmpty() ? "" : ", first " + reached.get(0).method() + " " + reached.get(0).path());
        }
        if (request[2] != null && !reached.get(0).body().equals(request[2])) {
            return what + " but the data system received another body: " + reached.get(0).body();
        }
        return null;
    }
}
