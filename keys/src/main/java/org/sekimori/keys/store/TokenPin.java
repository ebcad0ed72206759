package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The user PIN of the hardware token: from an environment variable when the operator sets one,
 * otherwise from an owner-only file. Never from the command line (other users can read it) and
 * never logged. Unlike the key store password it is never made up here: the PIN is chosen when
 * the token is initialised.
 */
public final class TokenPin {

    /** The environment variable an operator sets the PIN in. */
    public static final String VARIABLE = "SEKIMORI_HSM_PIN";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.complementOf(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private TokenPin() {
    }

    /** {@code fromEnvironment} when set and not empty, else the content of {@code file}, which only its owner may read. */
    public static char[] resolve(String fromEnvironment, Path file) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (!Files.exists(file)) {
            throw new IOException("no PIN for the token: set " + VARIABLE + " or write the PIN to " + file
                    + " (chmod 600)");
        }
        Set<PosixFilePermission> granted = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        granted.retainAll(OTHERS);
        if (!granted.isEmpty()) {
            throw new IOException(file + " may be read or run by others than its owner: chmod 600 " + file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
    }
}
