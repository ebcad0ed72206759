package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One file of the journal: the lines of one chain from record {@code firstSeq} on, each a record
 * or a checkpoint in the export format, so that the journal itself is a verifiable export. A line
 * without its newline is the tail of a write that never completed (its request was never answered)
 * and is not part of the journal.
 */
record JournalSegment(Path file, String chain, long firstSeq) {

    private static final Pattern NAME = Pattern.compile("(.+)-(\\d{20})\\.ndjson");

    static String name(String chain, long firstSeq) {
        return chain + "-" + String.format("%020d", firstSeq) + ".ndjson";
    }

    static Optional<JournalSegment> of(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Optional.of(new JournalSegment(file, matcher.group(1),
                Long.parseLong(matcher.group(2)))) : Optional.empty();
    }

    /** A line of the segment, read back: a record or a checkpoint. */
    sealed interface Line {
    }

    record RecordLine(ChainEntry entry) implements Line {
        Instant time() {
            return Instant.parse(entry.record().path("time").asString());
        }
    }

    record CheckpointLine(Checkpoint checkpoint) implements Line {
    }

    /** Every complete line of the segment, in order. */
    List<Line> read(JsonMapper json) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                JsonNode line = json.readTree(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                lines.add(Checkpoint.isCheckpoint(line) ? new CheckpointLine(Checkpoint.fromJson(line))
                        : new RecordLine(ChainEntry.fromJson(line)));
                start = i + 1;
            }
        }
        return lines;
    }

    /** The length of the segment's complete lines: what is left after cutting an unfinished write. */
    long completeLength() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }
}
