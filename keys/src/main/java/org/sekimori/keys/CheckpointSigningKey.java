package org.sekimori.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key that signs the checkpoints of the audit trail. Only its holder can make a
 * checkpoint; anyone with {@link #publicKey()} can check one, offline. The file holds the 32-byte
 * seed and the key id, owner-only; a key store ({@code org.sekimori.keys.store}) holds it instead
 * when the key is to rotate.
 */
public final class CheckpointSigningKey {

    private final String id;
    private final Ed25519PrivateKeyParameters key;

    /** The key whose 32-byte Ed25519 seed is {@code seed}. */
    public CheckpointSigningKey(String id, byte[] seed) {
        this(new KeyFile(id, seed));
    }

    private CheckpointSigningKey(KeyFile file) {
        this.id = file.id();
        this.key = new Ed25519PrivateKeyParameters(file.secret(), 0);
    }

    public static CheckpointSigningKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        return new CheckpointSigningKey(KeyFile.loadOrCreate(file, random));
    }

    public String id() {
        return id;
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public CheckpointPublicKey publicKey() {
        return new CheckpointPublicKey(id, key.generatePublicKey());
    }

    @Override
    public String toString() {
        return "CheckpointSigningKey[id=" + id + "]";
    }
}
