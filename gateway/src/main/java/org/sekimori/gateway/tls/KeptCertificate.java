package org.sekimori.gateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.IssuedCertificate;

/**
 * A certificate of the gateway's (its server certificate, or its client certificate toward one
 * data system), issued by the internal CA and kept in a PKCS#12 file: the one on file while it is
 * good for longer than {@code renew-before}, else a new one.
 */
final class KeptCertificate {

    /** How the internal CA issues this kind of certificate. */
    @FunctionalInterface
    interface Issuer {
        IssuedCertificate issue(InternalCa ca) throws GeneralSecurityException;
    }

    private final String name;
    private final Path file;
    private final Issuer issuer;
    private final GatewayCa ca;
    private final Duration renewBefore;
    private final Clock clock;
    private volatile IssuedCertificate current;

    KeptCertificate(String name, Path file, Issuer issuer, GatewayCa ca, Duration renewBefore, Clock clock) {
        this.name = name;
        this.file = file;
        this.issuer = issuer;
        this.ca = ca;
        this.renewBefore = renewBefore;
        this.clock = clock;
        try {
            Optional<IssuedCertificate> onFile = IssuedCertificate.load(file, name, ca.password());
            this.current = onFile.filter(this::good).orElseGet(this::issue);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the certificate in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    char[] password() {
        return ca.password();
    }

    IssuedCertificate current() {
        return current;
    }

    /**
     * A new certificate (already on file) when renewal is due. It becomes {@link #current} only
     * once {@link #inUse} says it was put in use: if that fails, the next check tries again.
     */
    Optional<IssuedCertificate> renewalIfDue() {
        return good(current) ? Optional.empty() : Optional.of(issue());
    }

    void inUse(IssuedCertificate renewed) {
        current = renewed;
    }

    private boolean good(IssuedCertificate certificate) {
        return !certificate.renewalDue(clock.instant(), renewBefore)
                && certificate.chain().get(certificate.chain().size() - 1).equals(ca.ca().certificate());
    }

    private IssuedCertificate issue() {
        try {
            IssuedCertificate issued = issuer.issue(ca.ca());
            issued.save(file, name, ca.password());
            return issued;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the internal CA could not issue the certificate " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("the certificate " + name + " could not be written to " + file, e);
        }
    }
}
