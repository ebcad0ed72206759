package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.store.JournalReader;
import org.sekimori.gateway.support.Authenticator;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayProcess;
import org.sekimori.gateway.support.RecordingUpstream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Killed under load with SIGKILL and started again: every answer a client received with data has
 * its record in the journal, and the chain goes on across the restart without a gap or a fork.
 */
class AuditCrashTest {

    static final String MEMBER = "/systems/registry/members/M000001";
    static final int CLIENTS = 6;

    @TempDir
    static Path dataDir;

    static RecordingUpstream followup;
    static RecordingUpstream registry;

    @BeforeAll
    static void upstreams() throws Exception {
        followup = new RecordingUpstream();
        registry = new RecordingUpstream();
    }

    @AfterAll
    static void stopUpstreams() {
        followup.close();
        registry.close();
    }

    @Test
    void everyAnswerServedBeforeAKillHasItsRecordAndTheChainContinuesAfterRestart() throws Exception {
        Set<String> served = ConcurrentHashMap.newKeySet();
        GatewayProcess gateway = GatewayProcess.start(properties());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            GatewayClient client = DemoHandler.SECRETARIAT.login(gateway.port()).purpose("membership-administration");
            clients.submit(() -> load(client, served, stop));
        }
        Thread.sleep(3_000);
        gateway.kill();
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int beforeKill = served.size();

        try (GatewayProcess restarted = GatewayProcess.start(properties())) {
            Authenticator.restarted(gateway.port(), restarted.port());
            GatewayClient client = DemoHandler.SECRETARIAT.login(restarted.port()).purpose("membership-administration");
            for (int i = 0; i < 5; i++) {
                served.add(correlation(client.get(MEMBER)));
            }
        }

        List<ChainEntry> entries = new ArrayList<>();
        new JournalReader(dataDir.resolve("journal"), JsonMapper.builder().build())
                .export("crash", entries::add, checkpoint -> { });
        Set<String> recorded = ConcurrentHashMap.newKeySet();
        entries.forEach(entry -> recorded.add(entry.record().path("correlation").asString()));
        assertThat(beforeKill).as("answers served before the kill").isGreaterThan(50);
        assertThat(recorded).containsAll(served);
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry entry = entries.get(i);
            assertThat(entry.hashHolds()).as(entry.id()).isTrue();
            assertThat(entry.seq()).isEqualTo(i + 1);
            assertThat(entry.prev()).isEqualTo(i == 0 ? ChainEntry.genesis() : entries.get(i - 1).hash());
        }
    }

    private static void load(GatewayClient client, Set<String> served, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                HttpResponse<String> response = client.get(MEMBER);
                if (response.statusCode() == 200 && response.body().contains("M000001")) {
                    served.add(correlation(response));
                }
            } catch (Exception killed) {
                return; // the gateway is gone
            }
        }
    }

    private static String correlation(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("Sekimori-Correlation-Id").orElseThrow();
    }

    private static List<String> properties() {
        return List.of("sekimori.upstreams.followup=" + followup.uri(), "sekimori.upstreams.registry=" + registry.uri(),
                "sekimori.pseudonym-key=" + dataDir.resolve("keys/pseudonym.key"),
                "sekimori.audit.journal=" + dataDir.resolve("journal"), "sekimori.audit.chain=crash",
                "sekimori.audit.checkpoint-copy-file=" + dataDir.resolve("checkpoints.ndjson"),
                "sekimori.audit.checkpoint-key=" + dataDir.resolve("keys/checkpoint.key"),
                "sekimori.audit.public-key=" + dataDir.resolve("keys/checkpoint.pub"),
                "sekimori.audit.pseudonym-key=" + dataDir.resolve("keys/audit-pseudonym.key"),
                "sekimori.audit.sealing-key=" + dataDir.resolve("keys/sealing.key"),
                "sekimori.login.embedded=" + dataDir.resolve("login/credentials"),
                "sekimori.exports.recipients-file=" + dataDir.resolve("exports/recipients.yaml"),
                "sekimori.login.sealing-key=" + dataDir.resolve("keys/login-sealing.key"),
                "sekimori.tokens.signing-key=" + dataDir.resolve("keys/token-signing.jwk"),
                "sekimori.tls.keys=" + dataDir.resolve("keys"));
    }
}
