package org.sekimori.gateway.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory only the gateway's own user can enter: it holds password hashes and sealed secrets. */
final class OwnerOnlyDirectory {

    private OwnerOnlyDirectory() {
    }

    static void create(Path directory) {
        try {
            Files.createDirectories(directory);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the credential directory " + directory, e);
        }
    }
}
