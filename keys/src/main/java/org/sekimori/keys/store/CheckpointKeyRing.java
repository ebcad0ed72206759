package org.sekimori.keys.store;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.CheckpointSigningKey;

/**
 * The Ed25519 keys that sign the audit trail's checkpoints, as they rotate: the active key signs,
 * and the public part of every key ever made, retired ones too, checks what it signed.
 */
public final class CheckpointKeyRing {

    private final KeyRing ring;
    private volatile CheckpointSigningKey signing;

    CheckpointKeyRing(KeyRing ring) throws GeneralSecurityException, IOException {
        this.ring = ring;
        this.signing = load(ring.entry(ring.active().id()));
    }

    /** Rotation, retirement and the list of keys. */
    public KeyRing ring() {
        return ring;
    }

    /** The active key, to sign a new checkpoint with; after a rotation, the new key. */
    public CheckpointSigningKey signingKey() {
        CheckpointSigningKey current = signing;
        String active = ring.active().id();
        if (current.id().equals(active)) {
            return current;
        }
        try {
            CheckpointSigningKey loaded = load(ring.entry(active));
            signing = loaded;
            return loaded;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the active checkpoint key " + active + " cannot be read from "
                    + ring.backend() + ": " + e.getMessage(), e);
        }
    }

    /** The public part of every key of the ring, retired ones too, oldest first: what checks any checkpoint. */
    public List<CheckpointPublicKey> publicKeys() {
        return ring.entries().stream().map(entry -> CheckpointPublicKey.of(entry.id(), entry.publicPart())).toList();
    }

    /** The public part of key {@code id} as PEM, for an auditor; reported as exported. */
    public String exportPublicKey(String id) {
        RingEntry entry = ring.entry(id);
        String pem = CheckpointPublicKey.of(id, entry.publicPart()).toPem();
        ring.report(KeyEvent.Kind.PUBLIC_PART_EXPORTED, id, entry.state());
        return pem;
    }

    private CheckpointSigningKey load(RingEntry entry) throws GeneralSecurityException, IOException {
        byte[] seed = ring.backend().seed(ring.alias(entry.id()));
        try {
            CheckpointSigningKey key = new CheckpointSigningKey(entry.id(), seed);
            if (!Arrays.equals(key.publicKey().encoded(), entry.publicPart())) {
                throw new GeneralSecurityException("the secret of checkpoint key " + entry.id() + " in "
                        + ring.backend() + " is not the key its ring lists");
            }
            return key;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
