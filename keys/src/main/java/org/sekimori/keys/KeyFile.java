package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret of 32 bytes and its id, kept in a file of two lines (the id, the Base64 of the secret)
 * readable by its owner only. The id travels with everything made with the key, so the key can
 * rotate and what it made can still be told apart.
 *
 * <p>Public so that a key store can take such a file in ({@link #read}); everything else uses
 * the classes built on it.
 */
public final class KeyFile {

    static final int SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");

    private final String id;
    private final byte[] secret;

    KeyFile(String id, byte[] secret) {
        checkId(id);
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a key is " + SECRET_BYTES + " bytes, not " + secret.length);
        }
        this.id = id;
        this.secret = secret.clone();
    }

    /** Refuses an id that is not 1 to 16 lower-case letters and digits (it is written in records and file names). */
    public static String checkId(String id) {
        if (!KEY_ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 16 lower-case letters and digits, not '" + id + "'");
        }
        return id;
    }

    public String id() {
        return id;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** Reads the key in {@code file}, first creating it with a new random key {@code k1} when there is none. */
    static KeyFile loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[SECRET_BYTES];
            random.nextBytes(secret);
            OwnerOnlyFiles.create(file, "k1\n" + Base64.getEncoder().encodeToString(secret) + "\n");
            Arrays.fill(secret, (byte) 0);
        }
        return read(file);
    }

    /** Reads the key in {@code file}, which must exist. */
    public static KeyFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() < 2) {
            throw new IOException(file + " must hold a key id and a Base64 key on two lines");
        }
        try {
            return new KeyFile(lines.get(0).strip(), Base64.getDecoder().decode(lines.get(1).strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a valid key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "KeyFile[id=" + id + "]";
    }
}
