package org.sekimori.gateway.audit.chain;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of an export or of a checkpoint copy, read strictly: a record in its chain, or a
 * checkpoint. A line that two readers could understand differently is refused (a member named twice,
 * anything after the object), as is one the gateway could not have written (a number below 1).
 */
sealed interface ExportLine {

    record Entry(ChainEntry entry) implements ExportLine {
    }

    record Seal(Checkpoint checkpoint) implements ExportLine {
    }

    /** Reads a line; an {@link IllegalArgumentException} says, in a clause, what is wrong with it. */
    static ExportLine parse(String line) {
        JsonNode node;
        try {
            node = Strict.JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        if (Checkpoint.isCheckpoint(node)) {
            Checkpoint checkpoint = Checkpoint.fromJson(node);
            numbered(checkpoint.seq());
            return new Seal(checkpoint);
        }
        ChainEntry entry = ChainEntry.fromJson(node);
        numbered(entry.seq());
        return new Entry(entry);
    }

    private static void numbered(long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("'seq' is " + seq + ", and records are numbered from 1");
        }
    }

    /** The reader, kept out of the interface's public constants. */
    final class Strict {

        private static final JsonMapper JSON = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();

        private Strict() {
        }
    }
}
