package org.sekimori.gateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.IssuedCertificate;

/**
 * The gateway's server certificate, issued by the internal CA and kept in its PKCS#12 file: the
 * one on file while it is good for longer than {@code renew-before}, else a new one.
 */
final class ServerCertificate {

    static final String ALIAS = "gateway-server";

    private final InternalCa ca;
    private final TlsProperties properties;
    private final char[] password;
    private final Clock clock;
    private volatile IssuedCertificate current;

    ServerCertificate(InternalCa ca, TlsProperties properties, char[] password, Clock clock) {
        this.ca = ca;
        this.properties = properties;
        this.password = password;
        this.clock = clock;
        try {
            Optional<IssuedCertificate> onFile = IssuedCertificate.load(properties.serverFile(), ALIAS, password);
            this.current = onFile.filter(this::good).orElseGet(this::issue);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the server certificate in " + properties.serverFile()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    IssuedCertificate current() {
        return current;
    }

    /** Replaces the certificate when its renewal is due; the new one, if it was replaced. */
    Optional<IssuedCertificate> renewIfDue() {
        if (good(current)) {
            return Optional.empty();
        }
        current = issue();
        return Optional.of(current);
    }

    private boolean good(IssuedCertificate certificate) {
        return !certificate.renewalDue(clock.instant(), properties.renewBefore())
                && certificate.chain().get(certificate.chain().size() - 1).equals(ca.certificate());
    }

    private IssuedCertificate issue() {
        try {
            IssuedCertificate issued = ca.issueServer("Sekimori gateway", properties.hostnames(),
                    properties.addresses(), properties.certificateLifetime());
            issued.save(properties.serverFile(), ALIAS, password);
            return issued;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the internal CA could not issue the server certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the server certificate could not be written to "
                    + properties.serverFile(), e);
        }
    }

    char[] password() {
        return password;
    }
}
