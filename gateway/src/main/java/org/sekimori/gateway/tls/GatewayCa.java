package org.sekimori.gateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.KeyStorePassword;

/**
 * The internal CA and the key store password, opened when first needed (HTTPS in, or a data system
 * reached over TLS), so that a gateway that needs neither writes no key.
 */
final class GatewayCa {

    private final TlsProperties properties;
    private final Clock clock;
    private InternalCa ca;
    private char[] password;

    GatewayCa(TlsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    synchronized InternalCa ca() {
        if (ca == null) {
            try {
                ca = InternalCa.loadOrCreate(properties.caFile(), password(), properties.caLifetime(), clock);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the internal CA in " + properties.caFile() + " cannot be used: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("the internal CA cannot be read or written in " + properties.keys(), e);
            }
        }
        return ca;
    }

    synchronized char[] password() {
        if (password == null) {
            try {
                password = KeyStorePassword.resolve(System.getenv(KeyStorePassword.VARIABLE),
                        properties.passwordFile());
            } catch (IOException e) {
                throw new UncheckedIOException("the key store password cannot be read from "
                        + properties.passwordFile(), e);
            }
        }
        return password;
    }
}
