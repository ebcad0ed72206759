package org.sekimori.keys.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * The password of the key store files: from an environment variable when the operator sets one,
 * otherwise from an owner-only file next to them, made on first start. Never from the command
 * line (other users can read it) and never logged.
 */
public final class KeyStorePassword {

    /** The environment variable an operator sets the password in. */
    public static final String VARIABLE = "SEKIMORI_KEYSTORE_PASSWORD";

    private KeyStorePassword() {
    }

    /** {@code fromEnvironment} when set and not empty, else the content of {@code file} (created if missing). */
    public static char[] resolve(String fromEnvironment, Path file) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            OwnerOnlyFiles.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
    }
}
