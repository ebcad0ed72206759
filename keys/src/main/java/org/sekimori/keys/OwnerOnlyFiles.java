package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files: written once, readable by their owner only. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to a new owner-only file, unless another process created it first. */
    public static void create(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            // A hard link is created or refused atomically: never replaces a key another process
            // created meanwhile (a rename would, after its own check for an existing file).
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another instance created the key first: use that one, so both work alike.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
