package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The directory of the embedded store: its segments, per chain, in order. */
final class Journal {

    private Journal() {
    }

    static List<JournalSegment> segments(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(JournalSegment::of).flatMap(java.util.Optional::stream)
                    .sorted(Comparator.comparing(JournalSegment::chain).thenComparingLong(JournalSegment::firstSeq))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<JournalSegment> segments(Path directory, String chain) throws IOException {
        return segments(directory).stream().filter(segment -> segment.chain().equals(chain)).toList();
    }
}
