package org.sekimori.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.sekimori.gateway.support.RecordingUpstream;
import org.sekimori.gateway.support.RecordingUpstream.Reply;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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
class AccessPolicyEndToEndTest {

    /** A Tuesday, in office hours: the contractor's grant is open. */
    static final String OFFICE_HOURS = "2026-11-24T10:00:00+09:00";
    static final SettableClock CLOCK = new SettableClock(OFFICE_HOURS);

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

    /**
     * The gateway's clock, stopped where a test sets it. {@code @Primary}: the gateway's own clock
     * bean is {@code @ConditionalOnMissingBean}, but that condition is evaluated before test
     * configurations are registered, so both exist.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedTime {

        @Bean
        @Primary
        Clock settableClock() {
            return CLOCK;
        }
    }

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
        properties.add("sekimori.upstreams.followup", () -> followup.uri().toString());
        properties.add("sekimori.upstreams.registry", () -> registry.uri().toString());
        properties.add("sekimori.pseudonym-key", () -> dataDir.resolve("keys/pseudonym.key").toString());
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
        permit(table, DemoHandler.EPIDEMIOLOGIST, Route.READ_SUBJECT_IN_AREA,
                response -> generalised(GatewayClient.json(response), direct(IN_AREA)));
        permit(table, DemoHandler.EPIDEMIOLOGIST, Route.READ_SUBJECT_OUT_OF_AREA,
                response -> generalised(GatewayClient.json(response), direct(OUT_OF_AREA)));
        permit(table, DemoHandler.EPIDEMIOLOGIST, Route.EXPORT_SUBJECTS, AccessPolicyEndToEndTest::generalisedExport);

        permit(table, DemoHandler.CONTRACTOR, Route.LIST_SUBJECTS,
                response -> page(response, (record, direct) -> assertThat(record.propertyNames()).isEmpty()));
        permit(table, DemoHandler.CONTRACTOR, Route.READ_SUBJECT_IN_AREA,
                response -> assertThat(GatewayClient.json(response).propertyNames()).isEmpty());
        permit(table, DemoHandler.CONTRACTOR, Route.READ_SUBJECT_OUT_OF_AREA,
                response -> assertThat(GatewayClient.json(response).propertyNames()).isEmpty());

        permit(table, DemoHandler.RESEARCHER, Route.LIST_SUBJECTS,
                response -> page(response, AccessPolicyEndToEndTest::pseudonymised));
        permit(table, DemoHandler.RESEARCHER, Route.READ_SUBJECT_IN_AREA,
                response -> pseudonymised(GatewayClient.json(response), direct(IN_AREA)));
        permit(table, DemoHandler.RESEARCHER, Route.READ_SUBJECT_OUT_OF_AREA,
                response -> pseudonymised(GatewayClient.json(response), direct(OUT_OF_AREA)));
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
        if (expected.status() != 200 && expected.route().registry()) {
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
        assertThat(page.path("page")).isEqualTo(direct.path("page"));
        assertThat(page.path("size")).isEqualTo(direct.path("size"));
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
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv"));
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
