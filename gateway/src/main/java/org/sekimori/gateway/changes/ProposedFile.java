package org.sekimori.gateway.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sekimori.policy.load.ConfigurationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proposed text written beside the file it would replace (so relative references such as a
 * holiday calendar resolve as they would), checked there and deleted.
 */
public final class ProposedFile {

    private static final Logger log = LoggerFactory.getLogger(ProposedFile.class);

    private ProposedFile() {
    }

    /** A new file beside {@code file} holding {@code text}. */
    public static Path beside(Path file, String text) throws IOException {
        Path candidate = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + "-", ".yaml");
        Files.writeString(candidate, text);
        return candidate;
    }

    /** The errors as naming the file proposed for, not the file the proposal was checked in. */
    public static List<ConfigurationError> renamed(List<ConfigurationError> errors, Path candidate, Path file) {
        String shown = "proposed " + file.getFileName();
        return errors.stream().map(error -> candidate != null && error.file().equals(candidate.toString())
                ? new ConfigurationError(shown, error.line(), error.path(), error.message()) : error).toList();
    }

    /** {@code text} read by {@code reader} as {@code file} would be: from a file beside it, deleted after. */
    public static <T> T read(Path file, String text, java.util.function.Function<Path, T> reader) {
        Path candidate = null;
        try {
            candidate = beside(file, text);
            return reader.apply(candidate);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            delete(candidate);
        }
    }

    public static void delete(Path candidate) {
        try {
            if (candidate != null) {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException e) {
            log.warn("A proposed file could not be deleted: {}", e.getMessage());
        }
    }
}
