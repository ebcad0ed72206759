package org.sekimori.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key pseudonyms are computed with, and its id, so that a pseudonym names the key that
 * made it and the key can rotate. Either 32 random bytes in memory, kept in a file of two lines
 * (the id and the Base64 of the bytes) readable by its owner only, or a key that a key store holds
 * and computes with, such as a hardware token's that never leaves it.
 */
public final class PseudonymKey {

    static final String ALGORITHM = "HmacSHA256";

    /** Makes HMAC-SHA256 instances initialised with the key, wherever the key is held. */
    @FunctionalInterface
    public interface MacSource {
        Mac newMac() throws GeneralSecurityException;
    }

    private final String id;
    private final ThreadLocal<Mac> macs;

    public PseudonymKey(String id, byte[] secret) {
        this(new KeyFile(id, secret));
    }

    private PseudonymKey(KeyFile key) {
        this(key.id(), inMemory(new SecretKeySpec(key.secret(), ALGORITHM)));
    }

    /** A key that {@code macs} computes with; fails now, not on the first request, when it cannot. */
    public PseudonymKey(String id, MacSource macs) {
        this.id = KeyFile.checkId(id);
        this.macs = ThreadLocal.withInitial(() -> newMac(macs));
        newMac(macs);
    }

    public String id() {
        return id;
    }

    /** This thread's MAC, initialised with the key. */
    Mac mac() {
        return macs.get();
    }

    /** Reads the key in {@code file}, first creating it with a new random key when there is none. */
    public static PseudonymKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        return new PseudonymKey(KeyFile.loadOrCreate(file, random));
    }

    private static MacSource inMemory(SecretKeySpec key) {
        return () -> {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        };
    }

    private static Mac newMac(MacSource macs) {
        try {
            Mac mac = macs.newMac();
            if (!ALGORITHM.equalsIgnoreCase(mac.getAlgorithm())) {
                throw new IllegalArgumentException("a pseudonym key computes " + ALGORITHM + ", not " + mac.getAlgorithm());
            }
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[id=" + id + "]";
    }
}
