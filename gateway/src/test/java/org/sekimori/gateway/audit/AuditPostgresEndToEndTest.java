package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.PostgresServer;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.sekimori.gateway.support.SettableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail on a real PostgreSQL (its own server process): records, their chain and subject
 * index in the tables, the auditor's search by index, and fail-closed when the database is stopped,
 * made read-only or hung — and the chain going on once it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.audit.commit-timeout=1s", "sekimori.audit.store-timeout=2s"})
@org.springframework.context.annotation.Import(SettableClock.InGateway.class)
class AuditPostgresEndToEndTest {

    static final SettableClock CLOCK = SettableClock.GATEWAY;

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MEMBER = "/systems/registry/members/M000001";

    @TempDir
    static Path dataDir;

    static PostgresServer postgres;
    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @org.springframework.beans.factory.annotation.Autowired
    Retention retention;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) throws Exception {
        postgres = PostgresServer.start();
        upstreams = RecordingUpstreams.start(properties, dataDir);
        properties.add("sekimori.audit.url", postgres::jdbcUrl);
        properties.add("sekimori.audit.username", postgres::username);
    }

    @AfterAll
    static void stop() throws Exception {
        upstreams.close();
        postgres.close();
    }

    @BeforeEach
    void storeTakesRecords() throws Exception {
        CLOCK.set(java.time.OffsetDateTime.now().toString());
        for (int attempt = 0; attempt < 150 && !health().contains("\"UP\""); attempt++) {
            Thread.sleep(100);
        }
        assertThat(health()).contains("\"UP\"");
        upstreams.registry().reset();
    }

    @Test
    void recordsLandInPostgresqlLinkedAndIndexedBySubject() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        String read = correlation(secretariat.get(MEMBER), 200);
        String denied = correlation(secretariat.purpose("research").get(MEMBER), 403);

        List<ChainEntry> chain = chain();
        assertThat(chain).extracting(entry -> entry.record().path("correlation").asString()).contains(read, denied);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).hashHolds()).isTrue();
            assertThat(chain.get(i).seq()).isEqualTo(chain.get(i - 1).seq() + 1);
            assertThat(chain.get(i).prev()).isEqualTo(chain.get(i - 1).hash());
        }
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from audit_subject s join audit_record r "
                        + "on r.chain = s.chain and r.seq = s.seq where r.body like '%" + read + "%'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
        HttpResponse<String> found = DemoHandler.AUDITOR.login(port)
                .get("/api/audit/records?dataSystem=registry&subject=M000001&decision=deny");
        assertThat(found.body()).contains(denied).doesNotContain(read);
    }

    @Test
    void theStoreVerifiesOnDemandAndAfterARetentionPurgeStillDoes() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        correlation(secretariat.get(MEMBER), 200);
        GatewayClient auditor = DemoHandler.AUDITOR.login(port);
        assertThat(verify(auditor).path("intact").asBoolean()).isTrue();
        long lastBefore = chain().get(chain().size() - 1).seq();
        try {
            CLOCK.set(java.time.OffsetDateTime.now().plusYears(4).toString()); // what was recorded is now 4 years old
            assertThat(new GatewayClient(port).get("/api/session").statusCode()).isEqualTo(401);

            assertThat(retention.purge("test").block()).isPresent();
        } finally {
            CLOCK.set(java.time.OffsetDateTime.now().toString());
        }

        List<ChainEntry> left = chain();
        assertThat(left.get(0).seq()).isEqualTo(lastBefore + 1);
        assertThat(left).anySatisfy(entry -> {
            assertThat(entry.record().path("purged").path("from").asLong()).isEqualTo(1);
            assertThat(entry.record().path("purged").path("to").asLong()).isEqualTo(lastBefore);
        });
        var verified = verify(DemoHandler.AUDITOR.login(port));
        assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void theRunningGatewayHoldsItsChainSoNoSecondProcessCanWriteIt() throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet taken = statement.executeQuery(
                        "select pg_try_advisory_lock(hashtext('sekimori-audit-chain:test'))")) {
            taken.next();
            assertThat(taken.getBoolean(1)).isFalse();
        }
    }

    @Test
    void aRecordWhoseStoredTimeWasMadeOldIsNotAReasonToPurge() throws Exception {
        correlation(DemoHandler.SECRETARIAT.login(port).purpose("membership-administration").get(MEMBER), 200);
        List<ChainEntry> before = chain();
        long recent = before.get(before.size() - 1).seq() - 1;
        sql("update audit_record set recorded_at = recorded_at - interval '10 years' where chain = 'test' and seq = "
                + recent);

        assertThat(retention.purge("test").block()).isEmpty();
        assertThat(chain()).hasSizeGreaterThanOrEqualTo(before.size());
        assertThat(chain().get(0).seq()).isEqualTo(before.get(0).seq());
    }

    private static JsonNode verify(GatewayClient auditor) throws Exception {
        return GatewayClient.json(auditor.send("POST", "/api/audit/verify", null, java.util.Map.of()));
    }

    @Test
    void postgresqlStoppedThenEveryRequestIsRefusedAndNothingReachesTheDataSystemUntilItIsBack() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        postgres.stopServer();
        try {
            assertRefused(secretariat.get(MEMBER));
            awaitDown();
            upstreams.registry().reset();
            assertRefused(secretariat.get(MEMBER));
            assertRefused(new GatewayClient(port).login("secretariat.yamada", "secretariat-demo-2026"));
            assertThat(upstreams.registry().received()).isEmpty();
        } finally {
            postgres.startServer();
        }
        storeTakesRecords();
        assertThat(correlation(secretariat.get(MEMBER), 200)).isNotEmpty();
        assertChainLinks();
    }

    @Test
    void postgresqlReadOnlyThenRequestsAreRefused() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        sql("alter database postgres set default_transaction_read_only = on",
                "select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() "
                        + "and datname = 'postgres'");
        try {
            assertRefused(secretariat.get(MEMBER));
            awaitDown();
            upstreams.registry().reset();
            assertRefused(secretariat.get(MEMBER));
            assertThat(upstreams.registry().received()).isEmpty();
        } finally {
            sql("set default_transaction_read_only = off", "alter database postgres reset default_transaction_read_only");
        }
        storeTakesRecords();
        assertThat(correlation(secretariat.get(MEMBER), 200)).isNotEmpty();
        assertChainLinks();
    }

    @Test
    void postgresqlHungThenTheAnswerIs503WithinTheCommitTimeout() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        postgres.hang();
        try {
            long started = System.nanoTime();
            assertRefused(secretariat.get(MEMBER));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            upstreams.registry().reset();
            assertRefused(secretariat.get(MEMBER));
            assertThat(upstreams.registry().received()).isEmpty();
        } finally {
            postgres.resume();
        }
        storeTakesRecords();
        assertThat(correlation(secretariat.get(MEMBER), 200)).isNotEmpty();
        assertChainLinks();
    }

    private void assertChainLinks() throws Exception {
        List<ChainEntry> chain = chain();
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).seq()).as("no gap after %s", chain.get(i - 1).id())
                    .isEqualTo(chain.get(i - 1).seq() + 1);
            assertThat(chain.get(i).prev()).isEqualTo(chain.get(i - 1).hash());
        }
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("audit-unavailable").doesNotContain("M000001");
    }

    private void awaitDown() throws Exception {
        for (int attempt = 0; attempt < 100 && !health().contains("\"DOWN\""); attempt++) {
            Thread.sleep(100);
        }
        assertThat(health()).contains("\"DOWN\"");
    }

    private String health() throws Exception {
        return new GatewayClient(managementPort).get("/actuator/health").body();
    }

    private static List<ChainEntry> chain() throws Exception {
        List<ChainEntry> chain = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select chain, seq, prev, hash, body from audit_record where chain = 'test' order by seq")) {
            while (rows.next()) {
                chain.add(new ChainEntry(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        (tools.jackson.databind.node.ObjectNode) JSON.readTree(rows.getString(5))));
            }
        }
        return chain;
    }

    private static void sql(String... statements) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String correlation(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
    }
}
