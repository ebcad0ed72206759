package org.sekimori.keys.store;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** What the keys of a ring are for, which decides what kind of key they are and how one is made. */
public enum KeyPurpose {

    /** Ed25519: signs the audit trail's checkpoints. The public part is kept for ever. */
    CHECKPOINT_SIGNING("checkpoint") {
        @Override
        byte[] create(KeyBackend backend, String alias, SecureRandom random)
                throws GeneralSecurityException, IOException {
            byte[] seed = new byte[SECRET_BYTES];
            random.nextBytes(seed);
            try {
                return take(backend, alias, seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }

        @Override
        byte[] take(KeyBackend backend, String alias, byte[] seed) throws GeneralSecurityException, IOException {
            backend.putSeed(alias, seed);
            return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        }
    },

    /** HMAC-SHA256 with a 32-byte secret: makes the pseudonyms in records. Has no public part. */
    PSEUDONYM("pseudonym") {
        @Override
        byte[] create(KeyBackend backend, String alias, SecureRandom random)
                throws GeneralSecurityException, IOException {
            backend.generateSecret(alias);
            return new byte[0];
        }

        @Override
        byte[] take(KeyBackend backend, String alias, byte[] secret) throws GeneralSecurityException, IOException {
            backend.importSecret(alias, secret);
            return new byte[0];
        }
    };

    static final int SECRET_BYTES = 32;

    private final String label;

    KeyPurpose(String label) {
        this.label = label;
    }

    /** The name of the ring's file and the first part of its keys' aliases: {@code checkpoint-k1}. */
    public String label() {
        return label;
    }

    /** Makes a new key under {@code alias} and returns its public part (empty when it has none). */
    abstract byte[] create(KeyBackend backend, String alias, SecureRandom random)
            throws GeneralSecurityException, IOException;

    /** Stores the 32-byte {@code secret} of an existing key under {@code alias} and returns its public part. */
    abstract byte[] take(KeyBackend backend, String alias, byte[] secret) throws GeneralSecurityException, IOException;
}
