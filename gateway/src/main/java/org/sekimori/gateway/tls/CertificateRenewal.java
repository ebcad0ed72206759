package org.sekimori.gateway.tls;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.keys.tls.IssuedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the server certificate on a schedule and replaces it before it ends: the new one is handed
 * to the running server (new connections get it, open ones finish on the old) and recorded in the
 * audit trail, as is the certificate in use at startup.
 */
final class CertificateRenewal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);

    private final ServerCertificate server;
    private final Consumer<IssuedCertificate> install;
    private final AuditTrail trail;
    private final TlsProperties properties;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    CertificateRenewal(ServerCertificate server, Consumer<IssuedCertificate> install, AuditTrail trail,
            TlsProperties properties, Clock clock) {
        this.server = server;
        this.install = install;
        this.trail = trail;
        this.properties = properties;
        this.clock = clock;
    }

    /** Renews the certificate if it is due; true when it was. */
    boolean check() {
        var renewed = server.renewIfDue();
        renewed.ifPresent(certificate -> {
            install.accept(certificate);
            record("renewed", certificate);
            log.info("The gateway's server certificate was renewed; the new one ends {}", certificate.notAfter());
        });
        long days = Duration.between(clock.instant(), server.current().notAfter()).toDays();
        if (days < properties.expiryWarning().toDays()) {
            log.warn("The gateway's server certificate ends in {} days and was not renewed", days);
        }
        return renewed.isPresent();
    }

    private void record(String what, IssuedCertificate certificate) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "certificate");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("certificate", ServerCertificate.ALIAS);
        record.put("change", what);
        record.put("serial", certificate.certificate().getSerialNumber().toString(16));
        record.put("notAfter", certificate.notAfter().toString());
        trail.record(record, java.util.List.of()).onErrorResume(failure -> {
            log.error("The {} certificate could not be recorded: the audit store is unavailable", what);
            return reactor.core.publisher.Mono.empty();
        }).subscribe();
    }

    @Override
    public void start() {
        record("in-use", server.current());
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certificate-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.checkInterval().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.error("The server certificate could not be renewed; the next check tries again: {}",
                        e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        schedule.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }
}
