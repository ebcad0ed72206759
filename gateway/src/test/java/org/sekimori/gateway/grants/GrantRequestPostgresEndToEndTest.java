package org.sekimori.gateway.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.SekimoriGatewayApplication;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.store.JournalReader;
import org.sekimori.gateway.support.Authenticator;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.PostgresServer;
import org.sekimori.gateway.support.RecordingUpstream;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grant requests as production runs them: two gateway instances (two application contexts, each
 * with its own port, audit journal and chain) sharing one real PostgreSQL (its own server process)
 * for credentials and grant requests, and one data system stand-in. An approval made on one
 * instance is in force on the other within seconds, and a revocation likewise; of two
 * administrators deciding the same request at once on different instances exactly one decides; no
 * administrator decides their own request; and each change is written once to the audit trail of
 * the instance that made it, naming who did what, with the reason sealed.
 */
class GrantRequestPostgresEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final String FOLLOWUP = "/systems/followup";
    static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(15);
    /** A subject of the follow-up system, in the use of no stop of subjects.yaml. */
    static final String OCCUPATION = "保健所の臨時職員";
    static final String RECORD = "{\"id\":\"F00001\",\"lineUserId\":\"U0000000001\",\"profileName\":\"はなこ\","
            + "\"age\":47,\"occupation\":\"" + OCCUPATION + "\",\"sex\":\"female\",\"residenceArea\":\"相馬市\","
            + "\"currentCondition\":\"stable\",\"medicalHistory\":\"none\",\"medication\":\"none\","
            + "\"plannedConsultation\":\"none\",\"chatMessages\":[],\"location\":\"37.79,140.92\","
            + "\"device\":\"iPhone\",\"updatedAt\":\"2026-11-20T10:00:00Z\"}";

    static final Handler EPIDEMIOLOGIST = new Handler("epi.suzuki", "epidemiologist-demo-2026");
    static final Handler ADMIN = new Handler("admin.watanabe", "administrator-demo-2026");
    static final Handler SECRETARIAT = new Handler("secretariat.yamada", "secretariat-demo-2026");
    /** A second administrator, added to a copy of the demo directory with admin.watanabe's password. */
    static final Handler SECOND_ADMIN = new Handler("admin.second", "administrator-demo-2026");

    @TempDir
    static Path dataDir;

    static PostgresServer postgres;
    static RecordingUpstream followup;
    static RecordingUpstream registry;
    static Instance a;
    static Instance b;

    /** A demo handler: the directory's user ID and demo password. */
    record Handler(String userId, String password) {
    }

    /** One running gateway: its context, port, data directory and audit chain. */
    record Instance(String name, ConfigurableApplicationContext context, int port, Path dir, String chain) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The authenticator of each handler, by user ID: the second factor is in the shared database. */
    static final Map<String, Authenticator> DEVICES = new ConcurrentHashMap<>();
    /** The session of each handler on each instance, kept as a person at their desk keeps it. */
    static final Map<String, GatewayClient> SESSIONS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        followup = new RecordingUpstream();
        followup.answer(RecordingUpstream.dataSystem(RECORD, "id,occupation\r\nF00001," + OCCUPATION + "\r\n"));
        registry = new RecordingUpstream();
        String demo = Files.readString(Path.of("../deploy/demo/directory.yaml"));
        String watanabe = "  - userId: admin.watanabe\n";
        int at = demo.indexOf(watanabe);
        assertThat(at).as("admin.watanabe in the demo directory").isPositive();
        String hash = demo.substring(demo.indexOf("passwordHash:", at)).lines().findFirst().orElseThrow().strip();
        Path directory = dataDir.resolve("directory.yaml");
        Files.writeString(directory, demo + "  - userId: admin.second\n    displayName: Second Administrator\n"
                + "    organisation: Information Policy Division, Fukushima Prefecture\n"
                + "    roles: [administrator]\n    " + hash + "\n");
        a = startInstance("a", directory);
        b = startInstance("b", directory);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance instance : new Instance[] {b, a}) {
            if (instance != null) {
                instance.context().close();
            }
        }
        if (followup != null) {
            followup.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Instance startInstance(String name, Path directory) throws IOException {
        Path own = dataDir.resolve("instance-" + name);
        // Each instance's own copy of the policy, as on separate hosts: approved changes reach both.
        Files.createDirectories(own);
        Files.copy(Path.of("../deploy/demo/policy.yaml"), own.resolve("policy.yaml"));
        Files.copy(Path.of("../deploy/demo/holidays-jp.yaml"), own.resolve("holidays-jp.yaml"));
        // Keys are the deployment's, shared by both; the audit journal and its chain are each instance's own.
        Path keys = dataDir.resolve("keys");
        String chain = "gateway-" + name;
        List<String> args = List.of("--server.port=0", "--management.server.port=0",
                "--sekimori.ledger=../deploy/demo/ledger.yaml", "--sekimori.directory=" + directory,
                "--sekimori.policy=" + own.resolve("policy.yaml"), "--sekimori.subjects=../deploy/demo/subjects.yaml",
                "--sekimori.upstreams.followup=" + followup.uri(), "--sekimori.upstreams.registry=" + registry.uri(),
                "--sekimori.pseudonym-key=" + keys.resolve("pseudonym.key"),
                "--sekimori.audit.journal=" + own.resolve("audit/journal"), "--sekimori.audit.chain=" + chain,
                "--sekimori.audit.checkpoint-copy-file=" + own.resolve("audit/checkpoints.ndjson"),
                "--sekimori.audit.checkpoint-key=" + keys.resolve("checkpoint.key"),
                "--sekimori.audit.public-key=" + keys.resolve("checkpoint.pub"),
                "--sekimori.audit.pseudonym-key=" + keys.resolve("audit-pseudonym.key"),
                "--sekimori.audit.sealing-key=" + keys.resolve("sealing.key"),
                "--sekimori.login.embedded=" + own.resolve("login/credentials"),
                "--sekimori.exports.recipients-file=" + own.resolve("exports/recipients.yaml"),
                "--sekimori.login.url=" + postgres.jdbcUrl(), "--sekimori.login.username=" + postgres.username(),
                "--sekimori.login.sealing-key=" + keys.resolve("login-sealing.key"),
                "--sekimori.login.lockout.address-failures=50",
                "--sekimori.tls.keys=" + keys, "--sekimori.tokens.signing-key=" + keys.resolve("token-signing.jwk"),
                "--sekimori.sessions.max-per-handler=100", "--sekimori.grant-requests.check-interval=500ms",
                "--sekimori.admin.elevation.required=false",
                "--logging.level.root=warn", "--logging.level.org.sekimori.gateway.grants=info");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SekimoriGatewayApplication.class)
                .run(args.toArray(String[]::new));
        // The gateway's own clock: lastDay and second-factor codes are judged by the time of day.
        assertThat(context.getBean(Clock.class)).isNotInstanceOf(SettableClock.class);
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return new Instance(name, context, port, own, chain);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void approvalOnOneInstanceIsInForceOnTheOtherWithinSeconds() throws Exception {
        assertThat(shown(a)).doesNotContainKey("occupation");
        assertThat(shown(b)).doesNotContainKey("occupation");
        JsonNode requested = request(a, EPIDEMIOLOGIST, Map.of("occupation", "show", "age", "age-band-10"),
                "outbreak-analysis");
        String id = requested.path("id").asString();
        assertThat(requested.path("state").asString()).isEqualTo("pending");
        assertThat(requested.path("requester").asString()).isEqualTo(EPIDEMIOLOGIST.userId());
        // Pending gives nothing, on either instance.
        assertThat(shown(b)).doesNotContainKey("occupation");

        JsonNode approved = ok(decide(a, ADMIN, id, "approve"));
        assertThat(approved.path("state").asString()).isEqualTo("approved");
        assertThat(approved.path("decision").path("by").asString()).isEqualTo(ADMIN.userId());
        // On the instance that decided, in force before the administrator is answered.
        assertThat(shown(a)).containsEntry("occupation", OCCUPATION).containsEntry("age", "40-49");
        waitUntil(b, items -> OCCUPATION.equals(items.get("occupation")));
        assertThat(ok(login(b, EPIDEMIOLOGIST).get(GrantRequestEndpoints.REQUESTS + "/" + id)).path("state")
                .asString()).isEqualTo("approved");

        JsonNode revoked = ok(decide(b, SECOND_ADMIN, id, "revoke"));
        assertThat(revoked.path("state").asString()).isEqualTo("revoked");
        assertThat(revoked.path("end").path("by").asString()).isEqualTo(SECOND_ADMIN.userId());
        assertThat(shown(b)).doesNotContainKey("occupation");
        waitUntil(a, items -> !items.containsKey("occupation"));
        assertThat(shown(a)).doesNotContainKey("occupation").containsEntry("age", "40-49");

        // Either instance tells when the grant was in force: from its approval to its revocation.
        String inForce = GrantDecisionEndpoints.IN_FORCE + "?dataSystem=followup&item=occupation&at=";
        assertThat(ids(ok(login(a, ADMIN).get(inForce + approved.path("decision").path("at").asString()))))
                .contains(id);
        assertThat(ids(ok(login(b, ADMIN).get(inForce + revoked.path("end").path("at").asString()))))
                .doesNotContain(id);
    }

    @Test
    void twoAdministratorsDecidingOneRequestAtOnceOnTwoInstancesMakeExactlyOneDecision() throws Exception {
        GatewayClient[] deciders = {login(a, ADMIN), login(b, SECOND_ADMIN)};
        for (int round = 0; round < 5; round++) {
            String id = request(round % 2 == 0 ? a : b, EPIDEMIOLOGIST, Map.of("residenceArea", "show"),
                    "infection-control").path("id").asString();
            // Each round the other administrator, on the other instance, approves.
            int approver = round % 2;
            int rejecter = 1 - approver;
            String[] users = {ADMIN.userId(), SECOND_ADMIN.userId()};
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<HttpResponse<String>> approval = threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return deciders[approver].post(GrantDecisionEndpoints.REQUESTS + "/" + id + "/approve",
                            comment("approved in round"));
                });
                Future<HttpResponse<String>> rejection = threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return deciders[rejecter].post(GrantDecisionEndpoints.REQUESTS + "/" + id + "/reject",
                            comment("rejected in round"));
                });
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                HttpResponse<String> approve = approval.get(30, TimeUnit.SECONDS);
                HttpResponse<String> reject = rejection.get(30, TimeUnit.SECONDS);

                assertThat(List.of(approve.statusCode(), reject.statusCode())).as(approve.body() + "\n" + reject.body())
                        .containsExactlyInAnyOrder(200, 409);
                boolean approvedWon = approve.statusCode() == 200;
                String outcome = approvedWon ? "approved" : "rejected";
                String winner = approvedWon ? users[approver] : users[rejecter];
                HttpResponse<String> won = approvedWon ? approve : reject;
                HttpResponse<String> lost = approvedWon ? reject : approve;
                assertThat(GatewayClient.json(won).path("state").asString()).isEqualTo(outcome);
                assertThat(GatewayClient.json(won).path("decision").path("by").asString()).isEqualTo(winner);
                assertThat(GatewayClient.json(lost).path("message").asString()).contains("is " + outcome)
                        .contains("by " + winner);
                assertThat(row(id)).containsExactly(outcome, winner);
                JsonNode history = ok(login(round % 2 == 0 ? b : a, ADMIN).get(GrantDecisionEndpoints.REQUESTS + "/"
                        + id)).path("history");
                assertThat(history.values().stream().map(event -> event.path("kind").asString()).toList())
                        .as(history.toString()).containsExactly("requested", outcome);
                assertThat(history.get(1).path("by").asString()).isEqualTo(winner);
                assertThat(history.get(1).path("from").asString()).isEqualTo("pending");
                assertThat(history.get(1).path("to").asString()).isEqualTo(outcome);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void administratorsMayNotAskAndAHandlersOwnGrantAloneShowsOnlyItsItems() throws Exception {
        for (Instance instance : List.of(a, b)) {
            HttpResponse<String> refused = login(instance, ADMIN).post(GrantRequestEndpoints.REQUESTS, JSON
                    .writeValueAsString(Map.of("dataSystem", "followup", "actions", List.of("read"), "purposes",
                            List.of("system-operation"), "items", Map.of("sex", "show"), "lastDay",
                            LocalDate.now(TOKYO).plusDays(7).toString(), "reason", "An administrator asking for data.")));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }
        GatewayClient secretariat = login(a, SECRETARIAT).purpose("system-operation");
        assertThat(secretariat.get(FOLLOWUP + "/subjects").statusCode()).isEqualTo(403);
        String id = request(a, SECRETARIAT, Map.of("sex", "show"), "system-operation").path("id").asString();
        assertThat(decide(b, SECRETARIAT, id, "approve").statusCode()).as("a handler decides nothing")
                .isEqualTo(403);
        assertThat(row(id)).containsExactly("pending", null);

        JsonNode approved = ok(decide(b, SECOND_ADMIN, id, "approve"));
        assertThat(approved.path("decision").path("by").asString()).isEqualTo(SECOND_ADMIN.userId());
        assertThat(row(id)).containsExactly("approved", SECOND_ADMIN.userId());
        // The secretariat's roles hold nothing on followup: the request's grant alone decides, by user ID.
        HttpResponse<String> read = pollRead(() -> secretariat.get(FOLLOWUP + "/subjects"), response ->
                response.statusCode() == 200);
        assertThat(GatewayClient.json(read).path("items").get(0).propertyNames()).containsExactly("sex");
        String correlation = read.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
        JsonNode access = awaitRecord(a, record -> correlation.equals(record.path("correlation").asString())
                && record.has("rule"));
        assertThat(access.path("rule").asString()).isEqualTo("request/" + id);
        assertThat(access.path("handler").asString()).isEqualTo(SECRETARIAT.userId());
    }

    @Test
    void eachChangeIsInTheAuditTrailOfTheInstanceThatMadeItOnceWithTheReasonSealed() throws Exception {
        Map<String, String> terms = Map.of("sex", "show");
        String approvedThenRevoked = request(b, EPIDEMIOLOGIST, terms, "infection-control").path("id").asString();
        ok(decide(a, SECOND_ADMIN, approvedThenRevoked, "approve"));
        ok(decide(b, ADMIN, approvedThenRevoked, "revoke"));
        String rejected = request(a, EPIDEMIOLOGIST, terms, "infection-control").path("id").asString();
        ok(decide(b, ADMIN, rejected, "reject"));
        String withdrawn = request(a, EPIDEMIOLOGIST, terms, "infection-control").path("id").asString();
        ok(login(b, EPIDEMIOLOGIST).post(GrantRequestEndpoints.REQUESTS + "/" + withdrawn + "/withdraw", "{}"));

        List<Event> events = awaitAllRecorded();
        Map<Instance, List<JsonNode>> journals = Map.of(a, records(a), b, records(b));
        List<JsonNode> changes = new ArrayList<>();
        journals.values().forEach(records -> records.stream()
                .filter(record -> record.path("event").asString().equals("grant-request")).forEach(changes::add));
        assertThat(changes).as("one record per change").hasSameSizeAs(events);
        for (Event event : events) {
            List<JsonNode> found = changes.stream().filter(record -> record.path("requestId").asString()
                    .equals(event.requestId()) && record.path("kind").asString().equals(event.kind())).toList();
            assertThat(found).as(event.toString()).hasSize(1);
            JsonNode record = found.get(0);
            assertThat(record.path("handler").asString()).as(event.toString()).isEqualTo(event.actor());
            assertThat(record.path("requester").asString()).as(event.toString()).isEqualTo(event.requester());
            assertThat(record.path("to").asString()).as(event.toString()).isEqualTo(event.to());
            assertThat(record.path("dataSystem").asString()).isEqualTo("followup");
            assertThat(record.has("reason")).as(event.toString()).isEqualTo(event.kind().equals("requested"));
            assertThat(record.has("comment")).as(event.toString()).isEqualTo(event.comment() != null);
            Instance origin = event.origin().equals(a.chain()) ? a : b;
            assertThat(journals.get(origin)).as(event + " in the trail of " + origin).contains(record);
        }

        assertThat(kinds(events, approvedThenRevoked)).containsExactly("requested", "approved", "revoked");
        assertThat(origins(events, approvedThenRevoked)).containsExactly(b.chain(), a.chain(), b.chain());
        assertThat(actors(events, approvedThenRevoked)).containsExactly(EPIDEMIOLOGIST.userId(),
                SECOND_ADMIN.userId(), ADMIN.userId());
        assertThat(kinds(events, rejected)).containsExactly("requested", "rejected");
        assertThat(origins(events, rejected)).containsExactly(a.chain(), b.chain());
        assertThat(kinds(events, withdrawn)).containsExactly("requested", "withdrawn");
        assertThat(origins(events, withdrawn)).containsExactly(a.chain(), b.chain());
        assertThat(actors(events, withdrawn)).containsExactly(EPIDEMIOLOGIST.userId(), EPIDEMIOLOGIST.userId());

        // What people wrote is sealed: no record of either trail carries a reason or a comment as written.
        List<String> written = writtenTexts();
        assertThat(written).isNotEmpty();
        for (Map.Entry<Instance, List<JsonNode>> journal : journals.entrySet()) {
            for (JsonNode record : journal.getValue()) {
                String text = record.toString();
                for (String plain : written) {
                    assertThat(text).as("a record of " + journal.getKey()).doesNotContain(plain);
                }
            }
        }
        for (JsonNode record : changes) {
            if (record.has("reason")) {
                assertThat(record.path("reason").asString()).isNotBlank();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** One change to a grant request as the shared database holds it. */
    record Event(long seq, String requestId, String kind, String actor, String to, String comment, String origin,
            String requester) {
    }

    /** Every change in the database, once each instance has written its own to its trail. */
    private static List<Event> awaitAllRecorded() throws Exception {
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (true) {
            List<Event> events = new ArrayList<>();
            boolean allRecorded = true;
            try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(
                    "select e.seq, e.request_id, e.kind, e.actor, e.to_state, e.comment, e.origin, e.recorded, "
                            + "r.requester from grant_request_events e join grant_requests r on r.id = e.request_id "
                            + "order by e.seq"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(9)));
                    allRecorded &= rows.getBoolean(8);
                }
            }
            long recordedInTrails = records(a).stream().filter(GrantRequestPostgresEndToEndTest::change).count()
                    + records(b).stream().filter(GrantRequestPostgresEndToEndTest::change).count();
            if (allRecorded && recordedInTrails >= events.size()) {
                return events;
            }
            assertThat(System.nanoTime()).as("every change recorded in " + IN_FORCE_WITHIN + ": " + events)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean change(JsonNode record) {
        return record.path("event").asString().equals("grant-request");
    }

    /** Every reason and comment people wrote, as the database holds them. */
    private static List<String> writtenTexts() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(
                "select reason from grant_requests union select comment from grant_request_events "
                        + "where comment is not null"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }

    private static List<String> kinds(List<Event> events, String id) {
        return events.stream().filter(event -> event.requestId().equals(id)).map(Event::kind).toList();
    }

    private static List<String> origins(List<Event> events, String id) {
        return events.stream().filter(event -> event.requestId().equals(id)).map(Event::origin).toList();
    }

    private static List<String> actors(List<Event> events, String id) {
        return events.stream().filter(event -> event.requestId().equals(id)).map(Event::actor).toList();
    }

    /** Every record of one instance's audit journal, oldest first. */
    private static List<JsonNode> records(Instance instance) {
        List<ChainEntry> entries = new ArrayList<>();
        try {
            new JournalReader(instance.dir().resolve("audit/journal"), JSON).export(instance.chain(), entries::add,
                    checkpoint -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries.stream().map(entry -> (JsonNode) entry.record()).toList();
    }

    private static JsonNode awaitRecord(Instance instance, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (true) {
            Optional<JsonNode> found = records(instance).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("the record in the trail of " + instance + " within " + IN_FORCE_WITHIN)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The state and decider of a request, as the shared database holds them. */
    private static List<String> row(String id) throws Exception {
        try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(
                "select state, decided_by from grant_requests where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("request " + id + " stored").isTrue();
                List<String> values = new ArrayList<>();
                values.add(row.getString(1));
                values.add(row.getString(2));
                return values;
            }
        }
    }

    /** The record the epidemiologist sees in the follow-up system on {@code instance}, for outbreak analysis. */
    private static Map<String, String> shown(Instance instance) throws Exception {
        HttpResponse<String> page = login(instance, EPIDEMIOLOGIST).purpose("outbreak-analysis")
                .get(FOLLOWUP + "/subjects");
        JsonNode items = ok(page).path("items");
        assertThat(items.size()).as(page.body()).isEqualTo(1);
        Map<String, String> shown = new LinkedHashMap<>();
        items.get(0).properties().forEach(item -> shown.put(item.getKey(), item.getValue().isString()
                ? item.getValue().asString() : item.getValue().toString()));
        return shown;
    }

    /** Reads until {@code wanted} holds of what the epidemiologist sees, for at most {@link #IN_FORCE_WITHIN}. */
    private static void waitUntil(Instance instance, Predicate<Map<String, String>> wanted) throws Exception {
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (true) {
            Map<String, String> items = shown(instance);
            if (wanted.test(items)) {
                return;
            }
            assertThat(System.nanoTime()).as("in force on " + instance + " within " + IN_FORCE_WITHIN + "; shows "
                    + items).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> pollRead(Call call, Predicate<HttpResponse<String>> wanted) throws Exception {
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (true) {
            HttpResponse<String> response = call.send();
            if (wanted.test(response)) {
                return response;
            }
            assertThat(System.nanoTime()).as("within " + IN_FORCE_WITHIN + "; last: " + response.statusCode() + " "
                    + response.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode request(Instance instance, Handler requester, Map<String, String> items, String purpose)
            throws Exception {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("dataSystem", "followup");
        form.put("actions", List.of("read"));
        form.put("purposes", List.of(purpose));
        form.put("items", items);
        form.put("lastDay", LocalDate.now(TOKYO).plusDays(30).toString());
        form.put("reason", "Cluster analysis needs these items for one month, case " + UUID.randomUUID());
        HttpResponse<String> created = login(instance, requester).post(GrantRequestEndpoints.REQUESTS,
                JSON.writeValueAsString(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return GatewayClient.json(created);
    }

    private static HttpResponse<String> decide(Instance instance, Handler administrator, String id, String decision)
            throws Exception {
        return login(instance, administrator).post(GrantDecisionEndpoints.REQUESTS + "/" + id + "/" + decision,
                comment(decision + " on " + instance));
    }

    private static String comment(String what) {
        return JSON.writeValueAsString(Map.of("comment", what + ", note " + UUID.randomUUID()));
    }

    @Test
    void policyChangeApprovedOnOneInstanceIsAppliedOnTheOtherWithinSeconds() throws Exception {
        Path onA = a.dir().resolve("policy.yaml");
        Path onB = b.dir().resolve("policy.yaml");
        String before = Files.readString(onA);
        String after = before.replace("justificationMinLength: 40", "justificationMinLength: 45");
        assertThat(after).isNotEqualTo(before);
        HttpResponse<String> proposal = login(a, ADMIN).post("/api/admin/policy-changes", JSON.writeValueAsString(
                Map.of("text", after, "reason", "Forty-five characters, as the committee agreed.")));
        assertThat(proposal.statusCode()).as(proposal.body()).isEqualTo(201);
        JsonNode proposed = GatewayClient.json(proposal);

        ok(login(b, SECOND_ADMIN).post("/api/admin/policy-changes/" + proposed.path("id").asString() + "/approve",
                JSON.writeValueAsString(Map.of("comment", "Agreed at the committee on 2 December."))));

        assertThat(Files.readString(onB)).isEqualTo(after);
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (!Files.readString(onA).equals(after) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(onA)).as("applied on the other instance").isEqualTo(after);
        assertThat(ok(login(a, ADMIN).get("/api/admin/ledger")).path("policyVersion").asString())
                .isEqualTo(proposed.path("proposedVersion").asString());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.json(response);
    }

    private static List<String> ids(JsonNode list) {
        return list.path("grantRequests").values().stream().map(request -> request.path("id").asString()).toList();
    }

    /**
     * A client of {@code instance} in a fully logged-in session of {@code handler}, its CSRF token
     * sent on every request and a new connection for each (see DemoHandler). The authenticator is
     * enrolled at the first login to either instance; the other asks for its code.
     */
    private static GatewayClient login(Instance instance, Handler handler) throws Exception {
        String key = instance.port() + "/" + handler.userId();
        GatewayClient kept = SESSIONS.get(key);
        if (kept != null && kept.get("/api/session").statusCode() == 200) {
            return kept.sameSession();
        }
        GatewayClient client = new GatewayClient(instance.port()).header("Connection", "close");
        HttpResponse<String> login = client.login(handler.userId(), handler.password());
        JsonNode answer = GatewayClient.json(login);
        client.header("X-CSRF-TOKEN", answer.path("csrfToken").asString());
        if (login.statusCode() == 202 && !answer.path("next").asString().equals("enrol-second-factor")) {
            Authenticator device = DEVICES.get(handler.userId());
            assertThat(device).as(handler.userId() + " has an authenticator").isNotNull();
            login = client.post("/api/session/second-factor", "{\"code\": \"" + device.nextCode() + "\"}");
        } else if (login.statusCode() == 202 || login.statusCode() == 200) {
            String enrolment = login.statusCode() == 202 ? "{}"
                    : JSON.writeValueAsString(Map.of("currentPassword", handler.password()));
            JsonNode secret = GatewayClient.json(client.post("/api/session/totp", enrolment));
            Authenticator device = Authenticator.enrol(instance.port(), handler.userId(),
                    secret.path("secret").asString());
            DEVICES.put(handler.userId(), device);
            login = client.post("/api/session/totp/confirm", "{\"code\": \"" + device.nextCode() + "\"}");
        }
        assertThat(login.statusCode()).as(handler.userId() + " logs in to " + instance + ": " + login.body())
                .isEqualTo(200);
        client.header("X-CSRF-TOKEN", GatewayClient.json(login).path("csrfToken").asString());
        SESSIONS.put(key, client);
        return client.sameSession();
    }
}
