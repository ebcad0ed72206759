package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.store.ChainHead;
import org.sekimori.gateway.audit.store.ChainStore;
import org.sekimori.gateway.audit.store.JournalChainStore;
import org.sekimori.gateway.audit.store.JournalReader;
import org.sekimori.gateway.audit.store.StoredEntry;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fail closed, through the running gateway: the embedded journal made to fail or hang on command
 * (the one seam replaced; everything else is real), and what a handler and the data system see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.audit.commit-timeout=500ms"})
@Import(AuditFailureEndToEndTest.FaultyJournal.class)
class AuditFailureEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MEMBER = "/systems/registry/members/M000001";

    enum Fault { NONE, FAIL, HANG }

    static volatile Fault fault = Fault.NONE;

    @TempDir
    static Path dataDir;

    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry properties) throws Exception {
        upstreams = RecordingUpstreams.start(properties, dataDir);
    }

    @AfterAll
    static void stopUpstreams() {
        upstreams.close();
    }

    @BeforeEach
    void storeTakesRecords() throws Exception {
        fault = Fault.NONE;
        for (int attempt = 0; attempt < 100 && !health().contains("\"UP\""); attempt++) {
            Thread.sleep(100); // the writer's probe finds the store healed
        }
        assertThat(health()).contains("\"UP\"");
    }

    private String health() throws Exception {
        return new GatewayClient(managementPort).get("/actuator/health").body();
    }

    @Test
    void whenTheStoreFailsTheAnswerIs503NotTheDataAndAfterwardsNothingReachesTheDataSystem() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        upstreams.registry().reset();

        fault = Fault.FAIL;
        HttpResponse<String> first = secretariat.get(MEMBER);
        HttpResponse<String> second = secretariat.get(MEMBER);

        assertUnavailable(first);
        assertUnavailable(second);
        assertThat(upstreams.registry().received()).as("only the request in flight when the store failed").hasSize(1);
        assertThat(health()).contains("\"DOWN\"");
        assertThat(new GatewayClient(managementPort).send("GET", "/actuator/prometheus", null,
                java.util.Map.of("Accept", "text/plain")).body())
                .contains("sekimori_audit_available 0.0");
    }

    @Test
    void aWriteReachesTheDataSystemOnlyAfterItsRecordIsDurable() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        upstreams.registry().reset();

        fault = Fault.FAIL;
        HttpResponse<String> refused = secretariat.send("DELETE", "/systems/registry/members/M000002", null,
                java.util.Map.of());

        assertUnavailable(refused);
        assertThat(upstreams.registry().received()).as("the deletion never reached the data system").isEmpty();

        storeTakesRecords();
        HttpResponse<String> deleted = secretariat.send("DELETE", "/systems/registry/members/M000002", null,
                java.util.Map.of());
        assertThat(deleted.statusCode()).as(deleted.body()).isLessThan(300);
        String id = deleted.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
        List<ChainEntry> entries = new java.util.ArrayList<>();
        new JournalReader(dataDir.resolve("audit/journal"), JSON).export("test", entries::add, checkpoint -> { });
        List<String> stages = entries.stream().filter(entry -> id.equals(entry.record().path("correlation").asString()))
                .map(entry -> entry.record().path("outcome").asString(
                        String.valueOf(entry.record().path("status").asInt()))).toList();
        assertThat(stages).containsExactly("forwarding", String.valueOf(deleted.statusCode()));
    }

    @Test
    void whenTheStoreHangsTheAnswerIs503WithinTheCommitTimeout() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");

        fault = Fault.HANG;
        long started = System.nanoTime();
        HttpResponse<String> response = secretariat.get(MEMBER);

        assertUnavailable(response);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void whenTheStoreRecoversRequestsAreServedAndTheChainGoesOnWithoutAGap() throws Exception {
        GatewayClient secretariat = DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
        fault = Fault.FAIL;
        assertUnavailable(secretariat.get(MEMBER));

        storeTakesRecords();
        HttpResponse<String> served = secretariat.get(MEMBER);

        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        List<ChainEntry> entries = new java.util.ArrayList<>();
        new JournalReader(dataDir.resolve("audit/journal"), JSON).export("test", entries::add, checkpoint -> { });
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).seq()).isEqualTo(entries.get(i - 1).seq() + 1);
            assertThat(entries.get(i).prev()).isEqualTo(entries.get(i - 1).hash());
        }
        String servedId = served.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
        assertThat(entries).anyMatch(entry -> servedId.equals(entry.record().path("correlation").asString()));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(GatewayClient.json(response).path("reason").asString()).isEqualTo("audit-unavailable");
        assertThat(response.body()).doesNotContain("M000001");
    }

    /** The journal, failing or hanging on command. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FaultyJournal {

        @Bean
        @Primary
        AuditStore faultyAuditStore(AuditProperties properties) {
            AuditStore real = AuditStore.open(properties, "test", JSON);
            return new AuditStore(() -> new Faulty(new JournalChainStore(properties.journal(), "test", JSON,
                    properties.journalSegmentSize().toBytes())), real.reader(), real.resources());
        }
    }

    private record Faulty(ChainStore store) implements ChainStore {

        private void check() throws SQLException {
            if (fault == Fault.HANG) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fault != Fault.NONE) {
                throw new SQLException("the disk is gone", "58030");
            }
        }

        @Override
        public ChainHead head(String chain) throws SQLException {
            check();
            return store.head(chain);
        }

        @Override
        public void append(List<StoredEntry> entries, Optional<Checkpoint> checkpoint) throws SQLException {
            check();
            store.append(entries, checkpoint);
        }

        @Override
        public void probe(String chain, Instant now) throws SQLException {
            check();
            store.probe(chain, now);
        }

        @Override
        public Optional<long[]> purgeable(String chain, Instant cutoff) throws SQLException {
            return store.purgeable(chain, cutoff);
        }

        @Override
        public void claim(String chain) throws SQLException {
            store.claim(chain);
        }

        @Override
        public java.util.Optional<org.sekimori.gateway.audit.chain.ChainEntry> entry(String chain, long seq)
                throws SQLException {
            return store.entry(chain, seq);
        }

        @Override
        public int purge(String chain, long lastSeq, StoredEntry purgeRecord) throws SQLException {
            return store.purge(chain, lastSeq, purgeRecord);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
