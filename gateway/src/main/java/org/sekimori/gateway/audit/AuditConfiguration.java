package org.sekimori.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.sekimori.gateway.audit.store.ChainStore;
import org.sekimori.gateway.audit.store.DiscardingChainStore;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.security.ManagementPortMatcher;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.Pseudonyms;
import org.sekimori.keys.SealedText;
import org.sekimori.keys.store.CheckpointKeyRing;
import org.sekimori.keys.store.PseudonymKeyRing;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail and what it is made of: store, writer, keys, the filter that records requests. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** Plain JSON for stored records: none of the web layer's customisations. */
    private static final JsonMapper RECORD_JSON = JsonMapper.builder().build();

    @Bean(destroyMethod = "close")
    AuditStore auditStore(AuditProperties properties) {
        return AuditStore.open(properties, chain(properties), RECORD_JSON);
    }

    /** What reports read the trail with. */
    @Bean
    TrailReader trailReader(AuditStore store) {
        return store.reader();
    }

    /** New pseudonyms under the ring's active key; a search by subject looks under every key not retired. */
    @Bean
    AuditPseudonyms auditPseudonyms(PseudonymKeyRing keys) {
        return new AuditPseudonyms(new Pseudonyms(keys));
    }

    @Bean
    SealedText sealedText(AuditProperties properties) throws IOException {
        return SealedText.loadOrCreate(properties.sealingKey(), new SecureRandom());
    }

    @Bean
    Availability auditAvailability(MeterRegistry meters) {
        return new Availability(meters);
    }

    @Bean
    AuditTrail auditTrail(AuditStore store, AuditProperties properties, CheckpointKeyRing keys, Clock clock,
            Availability availability, MeterRegistry meters) {
        String chain = chain(properties);
        ChainStore.Opener stores = properties.discardRecords() ? DiscardingChainStore::new : store.chains();
        RecordWriter writer = new RecordWriter(stores, properties, chain, keys::signingKey, clock, availability,
                meters);
        return new AuditTrail(writer, availability, properties.commitTimeout(), chain);
    }

    /** Who the client is, behind trusted proxies only: records and login lockouts count by it. */
    @Bean
    ClientAddress clientAddress(AuditProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }

    @Bean
    AccessRecords accessRecords(AuditPseudonyms pseudonyms, SealedText sealing, ClientAddress clients) {
        return new AccessRecords(pseudonyms, sealing, clients);
    }

    @Bean
    Alerts alerts(MeterRegistry meters, AuditProperties properties, Clock clock) {
        return new Alerts(meters, properties.denialBurst(), properties.bulkRead(), clock);
    }

    @Bean
    AuditFilter auditFilter(AuditTrail trail, AccessRecords records, Alerts alerts, ManagementPortMatcher managementPort,
            JsonResponses responses, Clock clock) {
        return new AuditFilter(trail, records, alerts, managementPort, responses, clock);
    }

    @Bean
    Retention retention(AuditTrail trail, AuditProperties properties, Clock clock) {
        return new Retention(trail, properties.retention(), properties.purgeInterval().toMillis(), clock);
    }

    @Bean
    RouterFunction<ServerResponse> auditorRoutes(AuditStore store, AuditPseudonyms pseudonyms, SealedText sealing,
            CheckpointKeyRing keys, JsonResponses responses, AuditProperties properties,
            org.sekimori.gateway.session.StepUp stepUp) {
        ExportFiles files = new ExportFiles(Path.of(System.getProperty("java.io.tmpdir"), "sekimori-exports"));
        return new AuditorEndpoints(store.reader(), pseudonyms, sealing, keys, files, properties.checkpointCopy(),
                responses).routes(stepUp);
    }

    @Bean
    WriteForwardingFilter writeForwardingFilter(AuditFilter audit) {
        return new WriteForwardingFilter(audit);
    }

    @Bean
    HealthIndicator auditHealthIndicator(AuditTrail trail) {
        return () -> (trail.available() ? Health.up() : Health.down()).withDetail("chain", trail.chain()).build();
    }

    static String chain(AuditProperties properties) {
        if (properties.chain() != null) {
            return properties.chain();
        }
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.length() > 64 ? host.substring(0, 64) : host;
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("set sekimori.audit.chain: this host has no name to name its chain by", e);
        }
    }
}
