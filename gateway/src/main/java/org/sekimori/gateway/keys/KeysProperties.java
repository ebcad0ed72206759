package org.sekimori.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The key store that holds the audit trail's keys (checkpoint signing, pseudonyms), and when they rotate.
 *
 * @param store {@code pkcs12} (a password-protected file) or {@code pkcs11} (a hardware token)
 * @param directory where the rings' files, the PKCS#12 file and its password file are kept; unset,
 *     the TLS keys directory ({@code sekimori.tls.keys})
 * @param file the PKCS#12 file; unset, {@code keystore.p12} in {@code directory}
 * @param pkcs11 the token, when {@code store} is {@code pkcs11}
 * @param checkpointRotation the age at which the active checkpoint signing key is replaced
 * @param pseudonymRotation the age at which the active pseudonym key is replaced
 * @param retireAfter how long a replaced key stays verify-only before its secret is destroyed;
 *     unset, never. A retired pseudonym key's pseudonyms can no longer be searched for; a retired
 *     signing key's public part is kept, so what it signed still verifies
 * @param checkInterval how often the keys' ages are checked (and at startup)
 */
@ConfigurationProperties("sekimori.keys")
public record KeysProperties(
        @DefaultValue("pkcs12") Store store,
        Path directory,
        Path file,
        @DefaultValue Pkcs11 pkcs11,
        @DefaultValue("365d") Duration checkpointRotation,
        @DefaultValue("365d") Duration pseudonymRotation,
        Duration retireAfter,
        @DefaultValue("1d") Duration checkInterval) implements Validator {

    /** Where the keys' secrets are kept. */
    public enum Store {
        PKCS12, PKCS11
    }

    /**
     * A PKCS#11 token.
     *
     * @param library the vendor's PKCS#11 library
     * @param tokenLabel the label the token was initialised with
     * @param pinFile an owner-only file with the user PIN, when {@code SEKIMORI_HSM_PIN} is not set;
     *     unset, {@code token.pin} in the keys directory
     * @param sealedSeeds where the Ed25519 seeds sealed by the token are kept; unset, {@code sealed}
     *     in the keys directory
     */
    public record Pkcs11(@DefaultValue("/usr/lib/softhsm/libsofthsm2.so") Path library, String tokenLabel,
            Path pinFile, Path sealedSeeds) {
    }

    /** The keys directory, {@code directory} or else the TLS keys directory {@code tlsKeys}. */
    Path directory(Path tlsKeys) {
        return directory != null ? directory : tlsKeys;
    }

    Optional<Duration> retirement() {
        return Optional.ofNullable(retireAfter);
    }

    @Override
    public boolean supports(Class<?> type) {
        return KeysProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (store == Store.PKCS11 && (pkcs11.tokenLabel() == null || pkcs11.tokenLabel().isBlank())) {
            errors.rejectValue("pkcs11.tokenLabel", "missing", "set sekimori.keys.pkcs11.token-label to the token the "
                    + "keys are in (the label given to softhsm2-util --init-token or the vendor's tool), or set "
                    + "sekimori.keys.store=pkcs12");
        }
        if (store == Store.PKCS11 && !pkcs11.library().isAbsolute()) {
            errors.rejectValue("pkcs11.library", "invalid", "must be an absolute path, such as "
                    + "/usr/lib/softhsm/libsofthsm2.so");
        }
        positive(errors, "checkpointRotation", checkpointRotation);
        positive(errors, "pseudonymRotation", pseudonymRotation);
        positive(errors, "checkInterval", checkInterval);
        if (retireAfter != null) {
            positive(errors, "retireAfter", retireAfter);
        }
    }

    private static void positive(Errors errors, String field, Duration value) {
        if (value.isNegative() || value.isZero()) {
            errors.rejectValue(field, "invalid", "must be a positive duration such as 365d");
        }
    }
}
