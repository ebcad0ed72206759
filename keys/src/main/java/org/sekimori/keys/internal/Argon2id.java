package org.sekimori.keys.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;
import org.sekimori.keys.Argon2Parameters;

/** Argon2id, version 0x13, on Bouncy Castle. */
public final class Argon2id {

    private Argon2id() {
    }

    public static byte[] derive(byte[] secret, byte[] salt, Argon2Parameters cost, int length) {
        var parameters = new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret, out);
        return out;
    }
}
