package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files: readable by their owner only, and never seen half written. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to a new owner-only file, unless another process created it first. */
    public static void create(Path file, String content) throws IOException {
        Path temporary = writeAside(file, content.getBytes(StandardCharsets.US_ASCII));
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

    /** Replaces {@code file} (or creates it) with {@code content}, owner-only: a reader sees the old or the new, whole. */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = writeAside(file, content);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path writeAside(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            return temporary;
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
