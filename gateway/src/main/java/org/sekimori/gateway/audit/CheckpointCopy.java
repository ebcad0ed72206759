package org.sekimori.gateway.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.chain.ExportLines;

/**
 * Appends each checkpoint, as one NDJSON line, to a file outside the store: in production a place
 * the gateway's operators cannot rewrite (an append-only mount, a log shipper's spool). Given to the
 * verifier, it shows when the newest records were deleted from the store along with their checkpoints.
 */
final class CheckpointCopy {

    private final Path file;

    CheckpointCopy(Path file) {
        this.file = file;
    }

    void append(Checkpoint checkpoint) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] line = (ExportLines.of(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(false);
        }
    }
}
