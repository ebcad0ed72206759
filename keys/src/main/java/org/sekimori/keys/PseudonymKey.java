package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret key pseudonyms are computed with, and its id, so that a pseudonym names the key that
 * made it and the key can rotate. Kept in a file of two lines, the id and the Base64 of 32 random
 * bytes, readable by its owner only.
 */
public final class PseudonymKey {

    private static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");

    private final String id;
    private final byte[] secret;

    public PseudonymKey(String id, byte[] secret) {
        if (!KEY_ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 16 lower-case letters and digits");
        }
        if (secret.length != KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonym key is " + KEY_BYTES + " bytes, not " + secret.length);
        }
        this.id = id;
        this.secret = secret.clone();
    }

    public String id() {
        return id;
    }

    byte[] secret() {
        return secret.clone();
    }

    /** Reads the key in {@code file}, first creating it with a new random key when there is none. */
    public static PseudonymKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[KEY_BYTES];
            random.nextBytes(secret);
            create(file, "k1\n" + Base64.getEncoder().encodeToString(secret) + "\n");
            Arrays.fill(secret, (byte) 0);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() < 2) {
            throw new IOException(file + " must hold a key id and a Base64 key on two lines");
        }
        try {
            return new PseudonymKey(lines.get(0).strip(), Base64.getDecoder().decode(lines.get(1).strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a valid pseudonym key: " + e.getMessage(), e);
        }
    }

    private static void create(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".pseudonym", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            Files.move(temporary, file); // never replaces a key another process created meanwhile
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another instance created the key first: use that one, so both pseudonymise alike.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[id=" + id + "]";
    }
}
