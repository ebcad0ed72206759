package org.sekimori.gateway.tls;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.lifecycle.PeriodicCheck;
import org.sekimori.keys.tls.IssuedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the gateway's certificates on a schedule and replaces each before it ends: the new one is
 * put in use (new connections get it, open ones finish on the old) and recorded in the audit
 * trail, as is each certificate in use at startup, and each one that was not renewed and is close
 * to its end ({@code expiring}) or past it ({@code expired}).
 */
final class CertificateRenewal implements SmartLifecycle {

    /** A certificate and how a renewed one is put in use. */
    record Kept(KeptCertificate certificate, Consumer<IssuedCertificate> install) {
    }

    /** The last expiry warning recorded for a certificate: which one, which change, when. */
    private record Warned(BigInteger serial, String change, Instant at) {
    }

    private static final Duration WARNING_INTERVAL = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);

    private final List<Kept> kept;
    private final AuditTrail trail;
    private final TlsProperties properties;
    private final Clock clock;
    private final Map<String, Warned> warned = new ConcurrentHashMap<>();
    private PeriodicCheck schedule;

    CertificateRenewal(List<Kept> kept, AuditTrail trail, TlsProperties properties, Clock clock) {
        this.kept = List.copyOf(kept);
        this.trail = trail;
        this.properties = properties;
        this.clock = clock;
    }

    /** Renews each certificate that is due; true when one was. */
    boolean check() {
        boolean any = false;
        for (Kept each : kept) {
            KeptCertificate certificate = each.certificate();
            try {
                var renewed = certificate.renewalIfDue();
                renewed.ifPresent(fresh -> {
                    each.install().accept(fresh);
                    certificate.inUse(fresh);
                    record("renewed", certificate.name(), fresh);
                    log.info("The certificate {} was renewed; the new one ends {}", certificate.name(),
                            fresh.notAfter());
                });
                any |= renewed.isPresent();
            } catch (RuntimeException e) {
                // The others are still checked; this one again at the next check.
                log.error("The certificate {} could not be renewed: {}", certificate.name(), e.getMessage());
            }
            warnOfExpiry(certificate.name(), certificate.current());
        }
        return any;
    }

    /**
     * Records {@code expiring} for a certificate in use within {@code expiry-warning} of its end,
     * {@code expired} for one past it: at most once a day for the same certificate and change, not
     * at every check, but at once when the change or the certificate is new.
     */
    private void warnOfExpiry(String name, IssuedCertificate current) {
        Instant now = clock.instant();
        String change;
        if (!current.notAfter().isAfter(now)) {
            change = "expired";
        } else if (current.renewalDue(now, properties.expiryWarning())) {
            change = "expiring";
        } else {
            return;
        }
        Warned last = warned.get(name);
        BigInteger serial = current.certificate().getSerialNumber();
        if (last != null && last.serial().equals(serial) && last.change().equals(change)
                && last.at().plus(WARNING_INTERVAL).isAfter(now)) {
            return;
        }
        warned.put(name, new Warned(serial, change, now));
        record(change, name, current);
        log.warn("The certificate {} was not renewed and {} {}", name,
                change.equals("expired") ? "ended" : "ends", current.notAfter());
    }

    private void record(String what, String name, IssuedCertificate certificate) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "certificate");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("certificate", name);
        record.put("change", what);
        record.put("serial", certificate.certificate().getSerialNumber().toString(16));
        record.put("notAfter", certificate.notAfter().toString());
        trail.record(record, List.of()).onErrorResume(failure -> {
            log.error("The {} certificate could not be recorded: the audit store is unavailable", what);
            return reactor.core.publisher.Mono.empty();
        }).subscribe();
    }

    @Override
    public void start() {
        kept.forEach(each -> record("in-use", each.certificate().name(), each.certificate().current()));
        schedule = PeriodicCheck.every(properties.checkInterval(), "certificate-renewal", this::check, log,
                "A certificate could not be renewed");
    }

    @Override
    public void stop() {
        schedule.close();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && schedule.running();
    }
}
