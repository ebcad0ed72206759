package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files: readable by their owner only, written whole. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to a new owner-only file, unless another process created it first. */
    public static void create(Path file, String content) throws IOException {
        Path temporary = aside(file, content.getBytes(StandardCharsets.US_ASCII));
        try {
            // A hard link is created or refused atomically: never replaces a key another process
            // created meanwhile (a rename would, after its own check for an existing file).
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another instance created the key first: use that one, so both work alike.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes {@code content} to an owner-only file, replacing the one there in a single step: a
     * reader sees the old file or the new one, never half of either (a certificate being renewed).
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = aside(file, content);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path aside(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        return temporary;
    }
}
