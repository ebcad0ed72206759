package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sekimori.gateway.support.Csv;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.gateway.support.RecordingUpstream;
import org.sekimori.gateway.support.RecordingUpstream.Reply;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo access policy enforced by the running gateway: a real demo followup system (its own
 * process, 200 synthetic subjects) and a recording stand-in for the registry, driven over real
 * HTTP by each demo handler. The expectations are those of deploy/demo/policy-tests.yaml, checked
 * on what actually comes back; the data a record should show is read from the data system itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.max-masked-body-size=100KB"})
@Import(SettableClock.InGateway.class)
class AccessPolicyEndToEndTest {

    /** A Tuesday, in office hours: the contractor's grant is open. */
    static final String OFFICE_HOURS = "2026-11-24T10:00:00+09:00";
    static final SettableClock CLOCK = SettableClock.GATEWAY;

    static final int MAX_BODY = 100 * 1024;
    static final String FOLLOWUP = "/systems/followup";
    static final String REGISTRY = "/systems/registry";
    /** The nurse's areas (directory.yaml) and the use stops and research consents of subjects.yaml. */
    static final Set<String> NURSE_AREAS = Set.of("相馬市", "南相馬市", "新地町");
    static final Set<String> USE_STOPPED = Set.of("F00007", "F00042");
    static final Set<String> RESEARCH_CONSENTS = Set.of("F00001", "F00002", "F00003", "F00005");
    static final String IN_AREA = "F00001";
    /** Outside the nurse's areas, and without consent to research; checked against the data in {@link #dataAsAssumed}. */
    static final String OUT_OF_AREA = "F00004";
    static final Set<String> FOLLOWUP_ITEMS = Set.of("id", "lineUserId", "profileName", "age", "occupation", "sex",
            "residenceArea", "currentCondition", "medicalHistory", "medication", "plannedConsultation",
            "chatMessages", "location", "device", "updatedAt");
    static final List<String> CONSENT_GATED = List.of("currentCondition", "medicalHistory", "medication");
    static final Pattern PSEUDONYM = Pattern.compile("k1:[a-z2-7]{26}");
    static final String LIFE_JUSTIFICATION = "住民がチャットで呼吸困難を訴えており、電話でも連絡が取れないため、"
            + "感染拡大防止と本人の生命保護のために至急現在の状態と服薬状況を確認する必要がある。";

    /** A member as the registry stand-in answers it: every ledger item, and one the ledger does not know. */
    static final String MEMBER = "{\"memberNumber\":\"M000001\",\"name\":\"山田 花子\",\"nameKana\":\"ヤマダ ハナコ\","
            + "\"postalAddress\":\"福島県福島市杉妻町2-16\",\"email\":\"hanako@example.org\",\"phone\":\"024-521-1111\","
            + "\"affiliation\":\"福島県立医科大学\",\"membershipClass\":\"regular\",\"feeStatus\":\"paid\","
            + "\"joinedOn\":\"2019-04-01\",\"updatedAt\":\"2026-04-01T00:00:00Z\",\"internalNote\":\"NOT-IN-LEDGER\"}";
    static final String MEMBERS_CSV = "memberNumber,name,email,internalNote\r\n"
            + "M000001,山田 花子,hanako@example.org,NOT-IN-LEDGER\r\n";

    @TempDir
    static Path dataDir;

    static DemoSystemProcess followup;
    static RecordingUpstream registry;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        followup = DemoSystemProcess.start("followup", 200, dataDir.resolve("followup"));
        registry = new RecordingUpstream();
        GatewayUpstreams.register(properties, () -> followup.uri(), () -> registry.uri(), dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @BeforeEach
    void officeHoursAndAFreshRegistry() {
        CLOCK.set(OFFICE_HOURS);
        registry.reset();
        registry.answer(RecordingUpstream.dataSystem(MEMBER, MEMBERS_CSV));
    }

    // ---------------------------------------------------------------------------------------------
    // Every demo role against every demo route

    /** Every method and path of the ledger's routes, plus a path it does not list and a method it does not take. */
    enum Route {
        LIST_SUBJECTS("GET", FOLLOWUP + "/subjects?size=100"),
        INPUT_SUBJECT("POST", FOLLOWUP + "/subjects"),
        READ_SUBJECT_IN_AREA("GET", FOLLOWUP + "/subjects/" + IN_AREA),
        READ_SUBJECT_OUT_OF_AREA("GET", FOLLOWUP + "/subjects/" + OUT_OF_AREA),
        UPDATE_SUBJECT("PUT", FOLLOWUP + "/subjects/" + IN_AREA),
        DELETE_SUBJECT("DELETE", FOLLOWUP + "/subjects/" + IN_AREA),
        EXPORT_SUBJECTS("GET", FOLLOWUP + "/subjects/export.csv"),
        UNLISTED_SUBJECT_PATH("GET", FOLLOWUP + "/subjects/" + IN_AREA + "/history"),
        WRONG_METHOD_ON_A_SUBJECT("PATCH", FOLLOWUP + "/subjects/" + IN_AREA),
        LIST_MEMBERS("GET", REGISTRY + "/members"),
        INPUT_MEMBER("POST", REGISTRY + "/members"),
        READ_MEMBER("GET", REGISTRY + "/members/M000001"),
        UPDATE_MEMBER("PUT", REGISTRY + "/members/M000001"),
        DELETE_MEMBER("DELETE", REGISTRY + "/members/M000002"),
        EXPORT_MEMBERS("GET", REGISTRY + "/members/export.csv"),
        UNLISTED_MEMBER_PATH("GET", REGISTRY + "/members/M000001/history"),
        WRONG_METHOD_ON_MEMBERS("PATCH", REGISTRY + "/members");

        final String method;
        final String path;

        Route(String method, String path) {
            this.method = method;
            this.path = path;
        }

        boolean registry() {
            return path.startsWith(REGISTRY);
        }

        boolean writes() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        }
    }

    /** What a permitted answer must look like. */
    @FunctionalInterface
    interface Check {
        void verify(HttpResponse<String> response) throws Exception;
    }

    /** One row of the table: a handler on a route, for the purpose natural to them there, and what they get. */
    record Case(DemoHandler handler, Route route, int status, String reason, Check check) {

        String purpose() {
            return route.registry() ? "membership-administration" : switch (handler) {
                case NURSE -> "follow-up-care";
                case EPIDEMIOLOGIST -> "outbreak-analysis";
                case RESEARCHER -> "academic-research";
                default -> "system-operation";
            };
        }

        @Override
        public String toString() {
            return handler + " " + route.method + " " + route.path + " for " + purpose() + " gets " + status
                    + (reason == null ? "" : " " + reason);
        }
    }

    static Stream<Case> everyRoleOnEveryRoute() {
        Map<DemoHandler, Map<Route, Case>> table = new EnumMap<>(DemoHandler.class);
        for (DemoHandler handler : DemoHandler.values()) {
            Map<Route, Case> row = new EnumMap<>(Route.class);
            for (Route route : Route.values()) {
                row.put(route, new Case(handler, route, 403, "no-grant", null));
            }
            row.put(Route.UNLISTED_SUBJECT_PATH, new Case(handler, Route.UNLISTED_SUBJECT_PATH, 404, null, null));
            row.put(Route.UNLISTED_MEMBER_PATH, new Case(handler, Route.UNLISTED_MEMBER_PATH, 404, null, null));
            row.put(Route.WRONG_METHOD_ON_A_SUBJECT, new Case(handler, Route.WRONG_METHOD_ON_A_SUBJECT, 405, null,
                    response -> assertThat(response.headers().firstValue("Allow")).contains("DELETE, GET, PUT")));
            row.put(Route.WRONG_METHOD_ON_MEMBERS, new Case(handler, Route.WRONG_METHOD_ON_MEMBERS, 405, null,
                    response -> assertThat(response.headers().firstValue("Allow")).contains("GET, POST")));
            table.put(handler, row);
        }
        permit(table, DemoHandler.NURSE, Route.LIST_SUBJECTS, AccessPolicyEndToEndTest::nurseSeesInAreaRecordsInFull);
        permit(table, DemoHandler.NURSE, Route.READ_SUBJECT_IN_AREA, response -> fullRecord(response, IN_AREA));
        table.get(DemoHandler.NURSE).put(Route.READ_SUBJECT_OUT_OF_AREA, new Case(DemoHandler.NURSE,
                Route.READ_SUBJECT_OUT_OF_AREA, 403, null, AccessPolicyEndToEndTest::withheld));
        permit(table, DemoHandler.NURSE, Route.UPDATE_SUBJECT, response -> fullRecord(response, IN_AREA));

        permit(table, DemoHandler.EPIDEMIOLOGIST, Route.LIST_SUBJECTS,
                response -> page(response, AccessPolicyEndToEndTest::generalised));
        notAddressable(table, DemoHandler.EPIDEMIOLOGIST);
        permit(table, DemoHandler.EPIDEMIOLOGIST, Route.EXPORT_SUBJECTS, AccessPolicyEndToEndTest::generalisedExport);

        permit(table, DemoHandler.CONTRACTOR, Route.LIST_SUBJECTS,
                response -> page(response, (record, direct) -> assertThat(record.propertyNames()).isEmpty()));
        notAddressable(table, DemoHandler.CONTRACTOR);

        permit(table, DemoHandler.RESEARCHER, Route.LIST_SUBJECTS,
                response -> page(response, AccessPolicyEndToEndTest::pseudonymised));
        notAddressable(table, DemoHandler.RESEARCHER);
        permit(table, DemoHandler.RESEARCHER, Route.EXPORT_SUBJECTS, AccessPolicyEndToEndTest::pseudonymisedExport);

        permit(table, DemoHandler.SECRETARIAT, Route.LIST_MEMBERS, response -> assertThat(
                GatewayClient.json(response)).isEqualTo(GatewayClient.json("{\"items\":[" + memberAsShown()
                        + "],\"page\":0,\"size\":50,\"total\":1}")));
        for (Route route : List.of(Route.INPUT_MEMBER, Route.READ_MEMBER, Route.UPDATE_MEMBER)) {
            permit(table, DemoHandler.SECRETARIAT, route, response -> assertThat(GatewayClient.json(response))
                    .isEqualTo(GatewayClient.json(memberAsShown())));
        }
        table.get(DemoHandler.SECRETARIAT).put(Route.DELETE_MEMBER, new Case(DemoHandler.SECRETARIAT,
                Route.DELETE_MEMBER, 204, null, response -> assertThat(response.body()).isEmpty()));
        permit(table, DemoHandler.SECRETARIAT, Route.EXPORT_MEMBERS, response -> assertThat(response.body())
                .isEqualTo("memberNumber,name,email\r\nM000001,山田 花子,hanako@example.org\r\n"));
        return table.values().stream().flatMap(row -> row.values().stream());
    }

    /** A handler who does not see the subject key cannot ask for one subject's record by it. */
    private static void notAddressable(Map<DemoHandler, Map<Route, Case>> table, DemoHandler handler) {
        for (Route route : List.of(Route.READ_SUBJECT_IN_AREA, Route.READ_SUBJECT_OUT_OF_AREA)) {
            table.get(handler).put(route, new Case(handler, route, 403, "subject-not-addressable", null));
        }
    }

    private static void permit(Map<DemoHandler, Map<Route, Case>> table, DemoHandler handler, Route route, Check check) {
        table.get(handler).put(route, new Case(handler, route, 200, null, check));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRoleOnEveryRoute")
    void everyRoleOnEveryRouteGetsWhatThePolicyAllowsInTheFormItPrescribes(Case expected) throws Exception {
        dataAsAssumed();
        GatewayClient client = expected.handler().login(port).purpose(expected.purpose());

        HttpResponse<String> response = client.send(expected.route().method, expected.route().path,
                expected.route().writes() ? bodyFor(expected.route()) : null, Map.of("Content-Type",
                        "application/json", "Accept", "application/json, text/csv"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected.status());
        if (expected.reason() != null) {
            assertDenied(response, expected.status(), expected.reason());
        }
        if (expected.status() >= 400 && expected.route().registry()) {
            assertThat(registry.received()).as("requests that reached the registry").isEmpty();
        }
        if (expected.check() != null) {
            expected.check().verify(response);
        }
    }

    private static String bodyFor(Route route) throws Exception {
        if (route.registry()) {
            return "{\"name\":\"山田 花子\",\"email\":\"hanako@example.org\"}";
        }
        return route.method.equals("PUT") ? followup.get("/subjects/" + IN_AREA)
                : "{\"occupation\":\"teacher\",\"sex\":\"female\"}";
    }

    // ---------------------------------------------------------------------------------------------
    // Purposes

    @Test
    void readWhenPurposeMissingThen400ListingThePurposesGranted() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port);

        HttpResponse<String> response = nurse.get(FOLLOWUP + "/subjects/" + IN_AREA);

        assertDenied(response, 400, "purpose-required");
        assertThat(GatewayClient.json(response).path("allowed").values()).extracting(JsonNode::asString)
                .containsExactly("follow-up-care", "enquiry-response");
        assertThat(GatewayClient.json(response).path("message").asString()).contains("Sekimori-Purpose")
                .contains("follow-up-care, enquiry-response");
    }

    @Test
    void readWhenPurposeRegisteredButNotGrantedThen403PurposeNotGranted() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("academic-research");

        HttpResponse<String> response = nurse.get(FOLLOWUP + "/subjects/" + IN_AREA);

        assertDenied(response, 403, "purpose-not-granted");
        assertThat(GatewayClient.json(response).path("allowed").values()).extracting(JsonNode::asString)
                .containsExactly("follow-up-care", "enquiry-response");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"marketing", "membership-administration"})
    void readWhenPurposeNotRegisteredForTheDataSystemThen403PurposeNotRegistered(String purpose) throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose(purpose);

        HttpResponse<String> response = nurse.get(FOLLOWUP + "/subjects/" + IN_AREA);

        assertDenied(response, 403, "purpose-not-registered");
        assertThat(GatewayClient.json(response).path("allowed").values()).extracting(JsonNode::asString)
                .contains("follow-up-care", "academic-research").doesNotContain(purpose);
    }

    @ParameterizedTest(name = "Sekimori-Purpose: \"{0}\"")
    @CsvSource({"Follow-Up-Care", "follow up care", "follow-up-care;drop"})
    void readWhenPurposeIsNotAnIdThen400(String purpose) throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose(purpose);

        HttpResponse<String> response = nurse.get(FOLLOWUP + "/subjects/" + IN_AREA);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(response).path("message").asString()).contains("registered id");
    }

    // ---------------------------------------------------------------------------------------------
    // Exceptions to the purpose limits

    @Test
    void readWhenNurseInvokesLifeBodyPropertyWithAJapaneseJustificationThenPermittedInFull() throws Exception {
        assertThat(LIFE_JUSTIFICATION.codePointCount(0, LIFE_JUSTIFICATION.length())).isGreaterThanOrEqualTo(40);
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null, Map.of(
                "Sekimori-Exception", "life-body-property", "Sekimori-Justification", percentEncoded(LIFE_JUSTIFICATION)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        fullRecord(response, IN_AREA);
    }

    @Test
    void readWhenJustificationTooShortThen403JustificationRequiredNamingTheMinimum() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null, Map.of(
                "Sekimori-Exception", "life-body-property", "Sekimori-Justification", percentEncoded("至急確認が必要")));

        assertDenied(response, 403, "justification-required");
        assertThat(GatewayClient.json(response).path("message").asString()).contains("at least 40 characters")
                .contains("only 7 were given");
    }

    @Test
    void readWhenExceptionWithoutJustificationThen403JustificationRequired() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null,
                Map.of("Sekimori-Exception", "life-body-property"));

        assertDenied(response, 403, "justification-required");
        assertThat(GatewayClient.json(response).path("message").asString()).contains("none were given");
    }

    @Test
    void readWhenRoleMayNotInvokeTheExceptionThen403ListingThoseItMay() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null, Map.of(
                "Sekimori-Exception", "public-body-cooperation", "Sekimori-Justification",
                "The police asked for the records of this resident in writing today."));

        assertDenied(response, 403, "exception-not-allowed");
        assertThat(GatewayClient.json(response).path("allowed").values()).extracting(JsonNode::asString)
                .containsExactly("life-body-property", "public-health");
    }

    @Test
    void readWhenExceptionNotRegisteredThen403ExceptionNotRegistered() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null, Map.of(
                "Sekimori-Exception", "curiosity", "Sekimori-Justification",
                "I would simply like to know how this resident is doing these days."));

        assertDenied(response, 403, "exception-not-registered");
    }

    @Test
    void readWhenJustificationWithoutExceptionThen400() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null,
                Map.of("Sekimori-Justification", "Resident reported breathing difficulty and cannot be reached."));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(response).path("message").asString())
                .contains("Sekimori-Justification is given without Sekimori-Exception");
    }

    @ParameterizedTest(name = "Sekimori-Justification: {0}")
    @CsvSource({"%E4%BD%8F%E6%B0%91%E3%81%8", "%FF%FE%FD breathing difficulty reported, cannot be reached today"})
    void readWhenJustificationIsNotPercentEncodedUtf8Then400(String justification) throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("infection-control");

        HttpResponse<String> response = nurse.send("GET", FOLLOWUP + "/subjects/" + IN_AREA, null, Map.of(
                "Sekimori-Exception", "life-body-property", "Sekimori-Justification", justification));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(response).path("message").asString()).contains("Sekimori-Justification");
    }

    static String percentEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------------------------------------
    // Use stops

    @Test
    void readWhenSubjectsUseIsStoppedThen403UseStoppedEvenWithAnException() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");

        assertDenied(nurse.get(FOLLOWUP + "/subjects/F00007"), 403, "use-stopped");
        assertDenied(epidemiologist.get(FOLLOWUP + "/subjects/F00007"), 403, "use-stopped");
        assertDenied(nurse.send("GET", FOLLOWUP + "/subjects/F00007", null, Map.of("Sekimori-Purpose",
                "infection-control", "Sekimori-Exception", "life-body-property", "Sekimori-Justification",
                percentEncoded(LIFE_JUSTIFICATION))), 403, "use-stopped");
    }

    @Test
    void listWhenSubjectsUseIsStoppedThenNeverInAnyListOrExport() throws Exception {
        long stoppedOnFirstPage = followup.json("/subjects?size=100").path("items").values().stream()
                .filter(record -> USE_STOPPED.contains(record.path("id").asString())).count();
        assertThat(stoppedOnFirstPage).isEqualTo(2);

        for (DemoHandler handler : List.of(DemoHandler.EPIDEMIOLOGIST, DemoHandler.CONTRACTOR, DemoHandler.RESEARCHER)) {
            GatewayClient client = handler.login(port).purpose(new Case(handler, Route.LIST_SUBJECTS, 200, null, null)
                    .purpose());
            JsonNode page = GatewayClient.json(client.get(FOLLOWUP + "/subjects?size=100"));
            assertThat(page.path("items").size()).as(handler.toString()).isEqualTo(100 - 2);
        }
        GatewayClient researcher = DemoHandler.RESEARCHER.login(port).purpose("academic-research");
        String export = researcher.get(FOLLOWUP + "/subjects/export.csv").body();
        assertThat(Csv.rows(export)).hasSize(1 + 200 - 2);
        assertThat(export).doesNotContain("F00007").doesNotContain("F00042");
    }

    @Test
    void updateWhenSubjectsUseIsStoppedThen403AndTheRecordIsUnchanged() throws Exception {
        JsonNode before = direct("F00042");
        ObjectNode changed = (ObjectNode) before.deepCopy();
        changed.put("occupation", "changed through the gateway");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/F00042", changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertDenied(response, 403, "use-stopped");
        assertThat(direct("F00042")).isEqualTo(before);
    }

    @Test
    void readWhenMembersUseIsStoppedThen403AndNothingReachesTheRegistryButErasureStaysPossible() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("society-communication");

        assertDenied(secretariat.get(REGISTRY + "/members/M000013"), 403, "use-stopped");
        assertThat(registry.received()).isEmpty();

        HttpResponse<String> erased = secretariat.send("DELETE", REGISTRY + "/members/M000013", null, Map.of());

        assertThat(erased.statusCode()).isEqualTo(204);
        assertThat(registry.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.path()).isEqualTo("/members/M000013");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    @Test
    void updateWhenNurseWritesAnInAreaRecordThenTheDataSystemHasIt() throws Exception {
        ObjectNode changed = (ObjectNode) direct("F00015").deepCopy();
        assertThat(changed.path("residenceArea").asString()).isIn(NURSE_AREAS);
        changed.put("occupation", "保健所の臨時職員");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/F00015", changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stored = direct("F00015");
        assertThat(stored.path("occupation").asString()).isEqualTo("保健所の臨時職員");
        assertThat(GatewayClient.json(response)).isEqualTo(stored);
    }

    /**
     * The nurse's grant covers only the records of people in her areas. The access decision cannot
     * see a record's area before it is fetched, so a write to someone else's record must not reach
     * the data system at all: refusing the answer after the record was changed is too late.
     */
    @Test
    void updateWhenNurseWritesARecordOutsideHerAreasThenRefusedAndTheRecordIsUnchanged() throws Exception {
        JsonNode before = direct(OUT_OF_AREA);
        assertThat(before.path("residenceArea").asString()).isNotIn(NURSE_AREAS);
        ObjectNode changed = (ObjectNode) before.deepCopy();
        changed.put("occupation", "changed by a nurse of another district");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + OUT_OF_AREA, changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(direct(OUT_OF_AREA)).as("the record outside the nurse's areas").isEqualTo(before);
    }

    @Test
    void updateWhenBodyWritesAnItemNotGrantedThen403ItemsNotGrantedAndTheRecordIsUnchanged() throws Exception {
        JsonNode before = direct(IN_AREA);
        ObjectNode changed = (ObjectNode) before.deepCopy();
        changed.put("bloodType", "AB");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertDenied(response, 403, "items-not-granted");
        assertThat(GatewayClient.json(response).path("message").asString()).contains("Not covered: bloodType.");
        assertThat(direct(IN_AREA)).isEqualTo(before);
    }

    /** "allowed" names what would have been accepted (Decision.Deny); a refused item is not that. */
    @Test
    void updateWhenBodyWritesAnItemNotGrantedThenTheAnswerDoesNotCallItAllowed() throws Exception {
        ObjectNode changed = (ObjectNode) direct(IN_AREA).deepCopy();
        changed.put("bloodType", "AB");
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(response).path("allowed").values()).extracting(JsonNode::asString)
                .doesNotContain("bloodType");
    }

    @Test
    void updateWhenAnEscapedItemNameSpellsAnItemNotGrantedThen403() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");

        HttpResponse<String> escaped = secretariat.send("PUT", REGISTRY + "/members/M000001",
                "{\"n\\u0061me\":\"a\",\"p\\u0061ssword\":\"b\"}", Map.of("Content-Type", "application/json"));

        assertDenied(escaped, 403, "items-not-granted");
        assertThat(GatewayClient.json(escaped).path("message").asString()).contains("password");
        assertThat(registry.received()).isEmpty();
        assertDenied(epidemiologist.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, "{\"s\\u0065x\":\"male\"}",
                Map.of("Content-Type", "application/json")), 403, "no-grant");
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @CsvSource({"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void updateWhenBodyIsNotJsonThen415(String type) throws Exception {
        JsonNode before = direct(IN_AREA);
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, before.toString(),
                Map.of("Content-Type", type));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(GatewayClient.json(response).path("message").asString()).contains("application/json");
        assertThat(direct(IN_AREA)).isEqualTo(before);
    }

    @ParameterizedTest(name = "body: {0}")
    @CsvSource(delimiter = '|', value = {"{\"occupation\":", "[\"occupation\"]", "{\"occupation\":\"a\"} {}",
            "occupation=teacher", "''"})
    void updateWhenBodyIsNotOneJsonObjectThen400(String body) throws Exception {
        JsonNode before = direct(IN_AREA);
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, body,
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("teacher");
        assertThat(direct(IN_AREA)).isEqualTo(before);
    }

    @Test
    void updateWhenBodyLargerThanTheLimitThen413() throws Exception {
        JsonNode before = direct(IN_AREA);
        ObjectNode changed = (ObjectNode) before.deepCopy();
        changed.put("occupation", "x".repeat(MAX_BODY));
        GatewayClient nurse = DemoHandler.NURSE.login(port).purpose("follow-up-care");

        HttpResponse<String> response = nurse.send("PUT", FOLLOWUP + "/subjects/" + IN_AREA, changed.toString(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(GatewayClient.json(response).path("message").asString()).contains(String.valueOf(MAX_BODY));
        assertThat(direct(IN_AREA)).isEqualTo(before);
    }

    @Test
    void updateWhenHandlerHasNoGrantThenRefusedBeforeItsBodyIsRead() throws Exception {
        GatewayClient auditor = DemoHandler.AUDITOR.login(port);
        StringBuilder head = new StringBuilder("PUT " + FOLLOWUP + "/subjects/" + IN_AREA + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nSekimori-Purpose: follow-up-care\r\n"
                + "X-CSRF-TOKEN: " + auditor.sentHeader("X-CSRF-TOKEN") + "\r\nContent-Length: 50000000\r\n");
        auditor.cookies().getCookieStore().getCookies().forEach(cookie -> head.append("Cookie: ").append(cookie)
                .append("\r\n"));

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            // Announces 50 MB but sends a few bytes: a gateway that read the body first would wait for the rest.
            socket.getOutputStream().write((head + "\r\n{\"occupation\":").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();

            assertThat(statusLine(new DataInputStream(socket.getInputStream()))).startsWith("HTTP/1.1 403");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Time windows

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2026-11-24T08:00:00+09:00, 200, Tuesday at opening",
            "2026-11-24T19:59:59+09:00, 200, Tuesday just before closing",
            "2026-11-24T07:59:59+09:00, 403, Tuesday before opening",
            "2026-11-24T20:00:00+09:00, 403, Tuesday at closing",
            "2026-11-24T21:30:00+09:00, 403, Tuesday evening",
            "2026-11-23T10:00:00+09:00, 403, Labour Thanksgiving Day (a Monday holiday)",
            "2026-11-28T10:00:00+09:00, 403, Saturday",
            "2026-11-24T02:00:00+00:00, 200, Tuesday 11:00 in Tokyo given in UTC",
            "2026-11-24T12:00:00+00:00, 403, Tuesday 21:00 in Tokyo given in UTC"})
    void readWhenContractorOutsideBusinessHoursThenRefusedAndInsideThenCountsOnly(String time, int status,
            String when) throws Exception {
        CLOCK.set(time);
        GatewayClient contractor = DemoHandler.CONTRACTOR.login(port).purpose("system-operation");

        HttpResponse<String> response = contractor.get(FOLLOWUP + "/subjects?size=100");

        assertThat(response.statusCode()).as(when).isEqualTo(status);
        if (status == 200) {
            page(response, (record, direct) -> assertThat(record.propertyNames()).isEmpty());
        } else {
            assertDenied(response, 403, "outside-time-window");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Pseudonyms

    @Test
    void readWhenResearcherThenTheSamePseudonymForTheSameSubjectEverywhere() throws Exception {
        GatewayClient researcher = DemoHandler.RESEARCHER.login(port).purpose("academic-research");
        GatewayClient again = DemoHandler.RESEARCHER.login(port).purpose("academic-research");

        JsonNode page = GatewayClient.json(researcher.get(FOLLOWUP + "/subjects?size=100"));
        JsonNode pageAgain = GatewayClient.json(again.get(FOLLOWUP + "/subjects?size=100"));
        List<List<String>> export = Csv.rows(researcher.get(FOLLOWUP + "/subjects/export.csv").body());
        String first = page.path("items").get(0).path("id").asString();
        String other = page.path("items").get(1).path("id").asString();

        assertThat(first).matches(PSEUDONYM).isNotEqualTo(other);
        assertThat(followup.json("/subjects?size=100").path("items").get(0).path("id").asString()).isEqualTo(IN_AREA);
        assertThat(pageAgain.path("items").get(0).path("id").asString()).isEqualTo(first);
        assertThat(export.get(1).get(0)).isEqualTo(first);
    }

    // ---------------------------------------------------------------------------------------------
    // What the data system answers, when it is not what the route promises

    @Test
    void readWhenDataSystemAnswersMalformedJsonThen502WithoutAnyOfItsBytes() throws Exception {
        registry.answer(Reply.json("{\"memberNumber\":\"M000001\",\"name\":\"SECRET-NAME\",\"email\":"));

        HttpResponse<String> response = secretariatReadsAMember();

        assertBadGateway(response, "cannot be masked");
        assertThat(GatewayClient.json(response).path("message").asString()).contains("not valid JSON");
    }

    @Test
    void readWhenDataSystemAnswersHtmlThen502WithoutAnyOfItsBytes() throws Exception {
        registry.answer(Reply.of(200, "text/html;charset=UTF-8", "<html><body>SECRET-NAME M000001</body></html>"));

        assertBadGateway(secretariatReadsAMember(), "text/html");
    }

    @Test
    void readWhenDataSystemAnswersWithoutContentTypeThen502() throws Exception {
        registry.answer(Reply.of(200, null, "{\"memberNumber\":\"M000001\",\"name\":\"SECRET-NAME\"}"));

        assertBadGateway(secretariatReadsAMember(), "no content type");
    }

    @Test
    void readWhenDataSystemFailsThen502WithoutItsErrorBody() throws Exception {
        registry.answer(Reply.of(500, "application/json", "{\"error\":\"SECRET-NAME in row M000001\"}"));

        assertBadGateway(secretariatReadsAMember(), "status 500");
    }

    @Test
    void readWhenDataSystemAnswersGzipThenDecodedAndMasked() throws Exception {
        registry.answer(Reply.json(MEMBER).gzipped());

        HttpResponse<String> response = secretariatReadsAMember();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(GatewayClient.json(response)).isEqualTo(GatewayClient.json(memberAsShown()));
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @CsvSource({"br", "compress", "zstd"})
    void readWhenDataSystemAnswersAContentCodingTheGatewayCannotDecodeThen502(String coding) throws Exception {
        registry.answer(Reply.json("{\"memberNumber\":\"M000001\",\"name\":\"SECRET-NAME\"}").labelled(coding));

        assertBadGateway(secretariatReadsAMember(), "'" + coding + "'");
    }

    @Test
    void readWhenGzipAnswerIsCorruptThen502() throws Exception {
        registry.answer(Reply.json("{\"memberNumber\":\"M000001\",\"name\":\"SECRET-NAME\"}").labelled("gzip"));

        assertBadGateway(secretariatReadsAMember(), "corrupt");
    }

    @Test
    void readWhenDataSystemAnswerIsLargerThanTheLimitThen502() throws Exception {
        GatewayClient epidemiologist = DemoHandler.EPIDEMIOLOGIST.login(port).purpose("outbreak-analysis");
        assertThat(followup.get("/subjects?size=500").length()).isGreaterThan(MAX_BODY);

        HttpResponse<String> response = epidemiologist.get(FOLLOWUP + "/subjects?size=500");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(GatewayClient.json(response).path("message").asString()).contains("larger than " + MAX_BODY);
    }

    @Test
    void readWhenNamesAreEscapedOrRepeatedThenEachIsTreatedAsWhatItSpells() throws Exception {
        registry.answer(Reply.json("{\"memberNumber\":\"M000001\",\"name\":\"a\",\"n\\u0061me\":\"b\","
                + "\"intern\\u0061lNote\":\"SECRET-NOTE\",\"internalNote\":\"SECRET-NOTE\"}"));

        HttpResponse<String> response = secretariatReadsAMember();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("SECRET-NOTE").doesNotContain("intern");
        assertThat(response.body()).contains("\"a\"").contains("\"b\"");
    }

    @Test
    void readWhenDataSystemRefusesTheRequestThenItsClientErrorPassesThrough() throws Exception {
        registry.answer(Reply.of(404, "application/json", "{\"message\":\"There is no member M000001.\"}"));

        HttpResponse<String> response = secretariatReadsAMember();

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.json(response).path("message").asString()).isEqualTo("There is no member M000001.");
    }

    private HttpResponse<String> secretariatReadsAMember() throws Exception {
        return DemoHandler.SECRETARIAT.login(port).purpose("membership-administration")
                .get(REGISTRY + "/members/M000001");
    }

    private static void assertBadGateway(HttpResponse<String> response, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(GatewayClient.json(response).path("message").asString()).contains(messagePart);
        assertThat(response.body()).doesNotContain("SECRET").doesNotContain("<html");
        assertThat(registry.received()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Keep-alive connections

    /**
     * HTTP/1.1 lets a client send its next requests before the answers come (pipelining). Here a
     * permitted read (answered once the data system has answered) and a refused one (answered at
     * once) go in one write; both are answered, and the connection must then read the next request.
     */
    @Test
    void requestsWhenPipelinedOnOneConnectionThenEachIsAnsweredAndTheConnectionReadsTheNextOne() throws Exception {
        GatewayClient nurse = DemoHandler.NURSE.login(port);
        StringBuilder cookies = new StringBuilder();
        nurse.cookies().getCookieStore().getCookies().forEach(cookie -> cookies.append("Cookie: ").append(cookie)
                .append("\r\n"));
        String permitted = "GET " + FOLLOWUP + "/subjects/" + IN_AREA + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookies
                + "Sekimori-Purpose: follow-up-care\r\nAccept: application/json\r\n\r\n";
        String refused = permitted.replace("follow-up-care", "academic-research");

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write((permitted + refused).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(statusLine(in)).startsWith("HTTP/1.1 200");
            assertThat(statusLine(in)).startsWith("HTTP/1.1 403");

            out.write(refused.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String next;
            try {
                next = statusLine(in);
            } catch (SocketTimeoutException e) {
                next = "no answer within 10 s";
            }
            assertThat(next).as("the answer to the next request on the same connection").startsWith("HTTP/1.1 403");
        }
    }

    /** Reads one response with a Content-Length body; answers its status line. */
    private static String statusLine(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            head.append((char) in.readUnsignedByte());
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        in.readFully(new byte[Integer.parseInt(length.group(1))]);
        return head.substring(0, head.indexOf("\r\n"));
    }

    // ---------------------------------------------------------------------------------------------
    // What each role sees, checked against the data system's own answer

    /** The subjects of this test are what the table assumes they are, read from the data system itself. */
    static void dataAsAssumed() throws Exception {
        assertThat(direct(IN_AREA).path("residenceArea").asString()).isIn(NURSE_AREAS);
        assertThat(direct(OUT_OF_AREA).path("residenceArea").asString()).isNotIn(NURSE_AREAS);
        assertThat(RESEARCH_CONSENTS).contains(IN_AREA).doesNotContain(OUT_OF_AREA);
    }

    static JsonNode direct(String subject) throws Exception {
        return followup.json("/subjects/" + subject);
    }

    static void fullRecord(HttpResponse<String> response, String subject) throws Exception {
        assertThat(GatewayClient.json(response)).isEqualTo(direct(subject));
    }

    static void withheld(HttpResponse<String> response) {
        JsonNode body = GatewayClient.json(response);
        assertThat(body.path("message").asString()).startsWith("This record is withheld from you");
        assertThat(response.body()).doesNotContain(OUT_OF_AREA);
    }

    /** Of the data system's page, only the nurse's in-area subjects whose use is not stopped, each whole. */
    static void nurseSeesInAreaRecordsInFull(HttpResponse<String> response) throws Exception {
        JsonNode page = GatewayClient.json(response);
        JsonNode direct = followup.json("/subjects?size=100");
        List<JsonNode> expected = new ArrayList<>();
        for (JsonNode record : direct.path("items")) {
            if (NURSE_AREAS.contains(record.path("residenceArea").asString())
                    && !USE_STOPPED.contains(record.path("id").asString())) {
                expected.add(record);
            }
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(direct.path("items").size());
        assertThat(page.path("items").values()).containsExactlyElementsOf(expected);
        // Counts would say how many records exist outside the nurse's district.
        assertThat(page.propertyNames()).containsExactly("items");
    }

    @FunctionalInterface
    interface RecordCheck {
        void verify(JsonNode shown, JsonNode direct) throws Exception;
    }

    /**
     * The page holds, in order, one record for each record of the data system's page whose use is
     * not stopped, each as {@code check} says; the page's numbers are the data system's.
     */
    static void page(HttpResponse<String> response, RecordCheck check) throws Exception {
        JsonNode page = GatewayClient.json(response);
        JsonNode direct = followup.json("/subjects?size=100");
        List<JsonNode> visible = direct.path("items").values().stream()
                .filter(record -> !USE_STOPPED.contains(record.path("id").asString())).toList();
        assertThat(visible).hasSizeLessThan(direct.path("items").size());
        assertThat(page.path("items").size()).isEqualTo(visible.size());
        for (int i = 0; i < visible.size(); i++) {
            check.verify(page.path("items").get(i), visible.get(i));
        }
        assertThat(page.propertyNames()).containsExactlyInAnyOrder("items", "page", "size", "total");
        for (String number : List.of("page", "size", "total")) {
            assertThat(page.path(number)).as(number).isEqualTo(direct.path(number));
        }
    }

    /** Age band of 10, sex, area, condition and the month of the last change: nothing else. */
    static void generalised(JsonNode shown, JsonNode direct) {
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("age", "sex", "residenceArea",
                "currentCondition", "updatedAt");
        assertThat(shown.path("age").asString()).isEqualTo(ageBand(direct.path("age").asInt(), 10));
        assertThat(shown.path("updatedAt").asString()).matches("\\d{4}-\\d{2}")
                .isEqualTo(direct.path("updatedAt").asString().substring(0, 7));
        for (String item : List.of("sex", "residenceArea", "currentCondition")) {
            assertThat(shown.path(item)).as(item).isEqualTo(direct.path(item));
        }
    }

    /**
     * A pseudonym for the id, an age band of 5, sex, area, the month; the health items only of subjects
     * who consented to research; never a name, contact, message, location or device.
     */
    static void pseudonymised(JsonNode shown, JsonNode direct) {
        String subject = direct.path("id").asString();
        boolean consented = RESEARCH_CONSENTS.contains(subject);
        Set<String> expected = new LinkedHashSet<>(List.of("id", "age", "sex", "residenceArea", "updatedAt"));
        if (consented) {
            expected.addAll(CONSENT_GATED);
        }
        assertThat(shown.propertyNames()).as(subject).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(shown.path("id").asString()).matches(PSEUDONYM).isNotEqualTo(subject).doesNotContain(subject);
        assertThat(shown.path("age").asString()).isEqualTo(ageBand(direct.path("age").asInt(), 5));
        assertThat(shown.path("updatedAt").asString()).isEqualTo(direct.path("updatedAt").asString().substring(0, 7));
        for (String item : consented ? List.of("sex", "residenceArea", "currentCondition", "medicalHistory",
                "medication") : List.of("sex", "residenceArea")) {
            assertThat(shown.path(item)).as(subject + " " + item).isEqualTo(direct.path(item));
        }
    }

    static String ageBand(int age, int width) {
        int low = age / width * width;
        return low + "-" + (low + width - 1);
    }

    /** The export's rows, keyed by column, as the data system writes them (all 200 subjects). */
    static List<Map<String, String>> directExport() throws Exception {
        List<List<String>> rows = Csv.rows(followup.get("/subjects/export.csv"));
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> record = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                record.put(rows.get(0).get(i), row.get(i));
            }
            records.add(record);
        }
        assertThat(records).hasSize(200);
        return records.stream().filter(record -> !USE_STOPPED.contains(record.get("id"))).toList();
    }

    static void generalisedExport(HttpResponse<String> response) throws Exception {
        // Left encrypted for a password (opened here by GatewayClient, as the handler would).
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pgp-encrypted");
        List<List<String>> rows = Csv.rows(response.body());
        assertThat(rows.get(0)).containsExactly("age", "sex", "residenceArea", "currentCondition", "updatedAt");
        List<Map<String, String>> direct = directExport();
        assertThat(rows).hasSize(direct.size() + 1);
        for (int i = 0; i < direct.size(); i++) {
            Map<String, String> source = direct.get(i);
            assertThat(rows.get(i + 1)).as(source.get("id")).containsExactly(
                    ageBand(Integer.parseInt(source.get("age")), 10), source.get("sex"), source.get("residenceArea"),
                    source.get("currentCondition"), source.get("updatedAt").substring(0, 7));
        }
    }

    static void pseudonymisedExport(HttpResponse<String> response) throws Exception {
        List<List<String>> rows = Csv.rows(response.body());
        assertThat(rows.get(0)).containsExactly("id", "age", "sex", "residenceArea", "currentCondition",
                "medicalHistory", "medication", "updatedAt");
        List<Map<String, String>> direct = directExport();
        assertThat(rows).hasSize(direct.size() + 1);
        Set<String> pseudonyms = new LinkedHashSet<>();
        for (int i = 0; i < direct.size(); i++) {
            Map<String, String> source = direct.get(i);
            List<String> row = rows.get(i + 1);
            boolean consented = RESEARCH_CONSENTS.contains(source.get("id"));
            assertThat(row.get(0)).matches(PSEUDONYM);
            pseudonyms.add(row.get(0));
            assertThat(row.subList(1, row.size())).as(source.get("id")).containsExactly(
                    ageBand(Integer.parseInt(source.get("age")), 5), source.get("sex"), source.get("residenceArea"),
                    consented ? source.get("currentCondition") : "", consented ? source.get("medicalHistory") : "",
                    consented ? source.get("medication") : "", source.get("updatedAt").substring(0, 7));
        }
        assertThat(pseudonyms).hasSize(direct.size());
    }

    /** The stand-in's member as the secretariat sees it: every ledger item, the one the ledger does not know removed. */
    static String memberAsShown() {
        ObjectNode member = (ObjectNode) GatewayClient.json(MEMBER);
        member.remove("internalNote");
        return member.toString();
    }

    static void assertDenied(HttpResponse<String> response, int status, String reason) {
        JsonNode body = GatewayClient.json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("reason").asString()).as(response.body()).isEqualTo(reason);
        assertThat(body.path("decisionId").asString()).isNotBlank()
                .isEqualTo(response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow())
                .isEqualTo(body.path("correlationId").asString());
        assertThat(body.path("message").asString()).isNotBlank();
    }
}
