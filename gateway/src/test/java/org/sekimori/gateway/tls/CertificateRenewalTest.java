package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.support.SettableClock;
import org.sekimori.keys.tls.IssuedCertificate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** Renewal on a clock the test moves; the audit trail is a stand-in that takes every record. */
class CertificateRenewalTest {

    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateThatCouldNotBePutInUseStaysPendingAndIsTriedAgain() {
        SettableClock clock = new SettableClock("2026-12-03T10:00:00+09:00");
        TlsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("sekimori.tls.keys",
                dir.toString()))).bindOrCreate("sekimori.tls", TlsProperties.class);
        KeptCertificate server = new KeptCertificate("gateway-server", dir.resolve("server.p12"),
                ca -> ca.issueServer("gateway", List.of("localhost"), List.of(), Duration.ofSeconds(10)),
                new GatewayCa(properties, clock), Duration.ofSeconds(9), clock);
        AuditTrail trail = mock(AuditTrail.class);
        when(trail.record(any(), any())).thenReturn(Mono.empty());
        AtomicInteger attempts = new AtomicInteger();
        List<IssuedCertificate> installed = new ArrayList<>();
        CertificateRenewal renewal = new CertificateRenewal(List.of(new CertificateRenewal.Kept(server, renewed -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the server refused the new bundle");
            }
            installed.add(renewed);
        })), trail, properties, clock);
        IssuedCertificate first = server.current();

        assertThat(renewal.check()).as("not due yet").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(renewal.check()).as("due, but the swap failed").isFalse();
        assertThat(server.current()).isSameAs(first);
        assertThat(renewal.check()).isTrue();

        assertThat(installed).hasSize(1);
        assertThat(server.current()).isSameAs(installed.get(0)).isNotSameAs(first);
    }

    @Test
    void aCertificateNotRenewedIsRecordedAsExpiringThenExpiredOnceADayEach() {
        SettableClock clock = new SettableClock("2026-12-03T10:00:00+09:00");
        TlsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("sekimori.tls.keys",
                dir.toString(), "sekimori.tls.expiry-warning", "5s"))).bindOrCreate("sekimori.tls", TlsProperties.class);
        KeptCertificate server = new KeptCertificate("gateway-server", dir.resolve("server.p12"),
                ca -> ca.issueServer("gateway", List.of("localhost"), List.of(), Duration.ofSeconds(10)),
                new GatewayCa(properties, clock), Duration.ofSeconds(9), clock);
        AuditTrail trail = mock(AuditTrail.class);
        List<String> records = new ArrayList<>();
        when(trail.record(any(), any())).thenAnswer(call -> {
            ObjectNode record = call.getArgument(0);
            records.add(record.path("event").asString() + " " + record.path("change").asString() + " "
                    + record.path("certificate").asString() + " " + record.path("time").asString());
            return Mono.empty();
        });
        CertificateRenewal renewal = new CertificateRenewal(List.of(new CertificateRenewal.Kept(server, renewed -> {
            throw new IllegalStateException("the server refused the new bundle");
        })), trail, properties, clock);

        renewal.check();
        clock.advance(Duration.ofSeconds(6));
        renewal.check();
        clock.advance(Duration.ofSeconds(1));
        renewal.check();
        clock.advance(Duration.ofSeconds(4));
        renewal.check();
        clock.advance(Duration.ofHours(23));
        renewal.check();
        clock.advance(Duration.ofHours(1));
        renewal.check();

        assertThat(records).containsExactly(
                "certificate expiring gateway-server 2026-12-03T01:00:06Z",
                "certificate expired gateway-server 2026-12-03T01:00:11Z",
                "certificate expired gateway-server 2026-12-04T01:00:11Z");
    }
}
