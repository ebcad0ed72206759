package org.sekimori.gateway.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.store.CheckpointKeyRing;

/**
 * The checkpoint keys' public parts as files for offline verifiers ({@code verify-records
 * --public-key}): the active key's in the configured file ({@code checkpoint.pub}), and every
 * key's in {@code checkpoint-<id>.pub} beside it, retired keys too. A key's own file is written
 * once, through {@link CheckpointKeyRing#exportPublicKey}, so the trail records that it was handed out.
 */
final class CheckpointPublicKeyFiles {

    private CheckpointPublicKeyFiles() {
    }

    static void write(CheckpointKeyRing ring, Path activeFile) throws IOException {
        Path directory = activeFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String active = ring.ring().active().id();
        for (CheckpointPublicKey key : ring.publicKeys()) {
            Path own = directory.resolve("checkpoint-" + key.id() + ".pub");
            if (!Files.exists(own)) {
                Files.writeString(own, ring.exportPublicKey(key.id()), StandardCharsets.US_ASCII);
            }
            if (key.id().equals(active)) {
                Files.writeString(activeFile, key.toPem(), StandardCharsets.US_ASCII);
            }
        }
    }
}
