package org.sekimori.gateway.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import org.sekimori.gateway.audit.AuditProperties;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.tls.TlsProperties;
import org.sekimori.keys.store.CheckpointKeyRing;
import org.sekimori.keys.store.KeyBackend;
import org.sekimori.keys.store.KeyRings;
import org.sekimori.keys.store.Pkcs11KeyBackend;
import org.sekimori.keys.store.Pkcs11Token;
import org.sekimori.keys.store.Pkcs12KeyBackend;
import org.sekimori.keys.store.PseudonymKeyRing;
import org.sekimori.keys.store.TokenPin;
import org.sekimori.keys.tls.KeyStorePassword;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key store and the audit trail's key rings in it. The rings are opened before the audit trail
 * (which signs with the checkpoint ring), so their first events wait in {@link KeyRecords} until
 * {@link KeyRotation} starts after the trail and attaches it:
 * <pre>
 * KeyBackend &lt;- KeyRings (listener: KeyRecords) &lt;- CheckpointKeyRing, PseudonymKeyRing &lt;- AuditTrail, AuditPseudonyms
 * KeyRotation (KeyRecords, rings, AuditTrail): attaches the trail, then rotates by age
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    static final String PASSWORD_FILE = "keystore.password";

    @Bean
    KeyRecords keyRecords(Clock clock) {
        return new KeyRecords(clock);
    }

    @Bean(destroyMethod = "close")
    KeyBackend keyBackend(KeysProperties properties, TlsProperties tls) throws GeneralSecurityException, IOException {
        Path directory = properties.directory(tls.keys());
        if (properties.store() == KeysProperties.Store.PKCS11) {
            KeysProperties.Pkcs11 token = properties.pkcs11();
            Path pinFile = token.pinFile() != null ? token.pinFile() : directory.resolve("token.pin");
            Path sealed = token.sealedSeeds() != null ? token.sealedSeeds() : directory.resolve("sealed");
            return Pkcs11KeyBackend.open(new Pkcs11Token(token.library(), token.tokenLabel()),
                    TokenPin.resolve(System.getenv(TokenPin.VARIABLE), pinFile), sealed);
        }
        Path file = properties.file() != null ? properties.file() : directory.resolve("keystore.p12");
        return Pkcs12KeyBackend.open(file, KeyStorePassword.resolve(System.getenv(KeyStorePassword.VARIABLE),
                directory.resolve(PASSWORD_FILE)));
    }

    @Bean
    KeyRings keyRings(KeyBackend backend, KeysProperties properties, TlsProperties tls, KeyRecords records,
            Clock clock) {
        return new KeyRings(backend, properties.directory(tls.keys()), records, clock, new SecureRandom());
    }

    /** Takes in {@code sekimori.audit.checkpoint-key} of earlier versions, so their checkpoints still verify. */
    @Bean
    CheckpointKeyRing checkpointKeyRing(KeyRings rings, AuditProperties audit)
            throws GeneralSecurityException, IOException {
        CheckpointKeyRing ring = rings.checkpointSigning(audit.checkpointKey());
        CheckpointPublicKeyFiles.write(ring, audit.publicKey());
        return ring;
    }

    /** Takes in {@code sekimori.audit.pseudonym-key} of earlier versions, so their records are still found. */
    @Bean
    PseudonymKeyRing pseudonymKeyRing(KeyRings rings, AuditProperties audit)
            throws GeneralSecurityException, IOException {
        return rings.pseudonyms(audit.pseudonymKey());
    }

    @Bean
    KeyRotation keyRotation(CheckpointKeyRing checkpoints, PseudonymKeyRing pseudonyms, AuditProperties audit,
            KeysProperties properties, KeyRecords records, AuditTrail trail, Clock clock) {
        return new KeyRotation(checkpoints, pseudonyms, audit.publicKey(), properties, records, trail, clock);
    }
}
