package org.sekimori.gateway.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

/**
 * Exports are written to an owner-only temporary file first and then streamed: the store is read in
 * one go without holding a database cursor open while a slow client downloads, and memory stays
 * flat however many records there are. The file is deleted once sent.
 */
final class ExportFiles {

    @FunctionalInterface
    interface Content {
        void write(BufferedWriter writer) throws IOException, SQLException;
    }

    private final Path directory;

    ExportFiles(Path directory) {
        this.directory = directory;
    }

    Path write(String name, Content content) throws IOException, SQLException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, name, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.write(writer);
        } catch (IOException | SQLException | RuntimeException e) {
            delete(file);
            throw e;
        }
        return file;
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file in the data directory; the next start does not depend on it
        }
    }
}
