package org.sekimori.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The secret key pseudonyms are computed with, and its id, so that a pseudonym names the key that
 * made it and the key can rotate. Kept in a file of two lines, the id and the Base64 of 32 random
 * bytes, readable by its owner only.
 */
public final class PseudonymKey {

    private final KeyFile key;

    public PseudonymKey(String id, byte[] secret) {
        this.key = new KeyFile(id, secret);
    }

    private PseudonymKey(KeyFile key) {
        this.key = key;
    }

    public String id() {
        return key.id();
    }

    byte[] secret() {
        return key.secret();
    }

    /** Reads the key in {@code file}, first creating it with a new random key when there is none. */
    public static PseudonymKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        return new PseudonymKey(KeyFile.loadOrCreate(file, random));
    }

    @Override
    public String toString() {
        return "PseudonymKey[id=" + key.id() + "]";
    }
}
