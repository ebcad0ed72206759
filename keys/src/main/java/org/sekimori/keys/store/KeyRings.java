package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opens the key rings kept in one key store, each listed in its own file in {@code directory}
 * ({@code checkpoint.ring}, {@code pseudonym.ring}); the first open of a ring takes in the key
 * file an earlier version of Sekimori kept, or makes key {@code k1}.
 */
public final class KeyRings {

    private final KeyBackend backend;
    private final Path directory;
    private final KeyLifecycleListener listener;
    private final Clock clock;
    private final SecureRandom random;

    public KeyRings(KeyBackend backend, Path directory, KeyLifecycleListener listener, Clock clock,
            SecureRandom random) {
        this.backend = backend;
        this.directory = directory;
        this.listener = listener;
        this.clock = clock;
        this.random = random;
    }

    /** The checkpoint signing keys; {@code legacyKeyFile} is the {@code checkpoint.key} of earlier versions. */
    public CheckpointKeyRing checkpointSigning(Path legacyKeyFile) throws GeneralSecurityException, IOException {
        return new CheckpointKeyRing(open(KeyPurpose.CHECKPOINT_SIGNING, legacyKeyFile));
    }

    /** The pseudonym keys; {@code legacyKeyFile} is the {@code audit-pseudonym.key} of earlier versions. */
    public PseudonymKeyRing pseudonyms(Path legacyKeyFile) throws GeneralSecurityException, IOException {
        return new PseudonymKeyRing(open(KeyPurpose.PSEUDONYM, legacyKeyFile));
    }

    private KeyRing open(KeyPurpose purpose, Path legacyKeyFile) throws GeneralSecurityException, IOException {
        return KeyRing.open(purpose, backend, directory.resolve(purpose.label() + ".ring"), legacyKeyFile, listener,
                clock, random);
    }
}
