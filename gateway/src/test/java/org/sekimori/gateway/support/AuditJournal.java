package org.sekimori.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.store.JournalReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the records a test's gateway wrote to its embedded journal, as an auditor's export would. */
public final class AuditJournal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditJournal() {
    }

    /** Every record in the journal under {@code dataDir}, oldest first. */
    public static List<JsonNode> records(Path dataDir) {
        List<ChainEntry> entries = new ArrayList<>();
        try {
            new JournalReader(dataDir.resolve("audit/journal"), JSON).export("test", entries::add, checkpoint -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries.stream().map(entry -> (JsonNode) entry.record()).toList();
    }

    /** The failure codes of the records of one event, in order ("" where a record has none). */
    public static List<String> failures(Path dataDir, String event) {
        return records(dataDir).stream().filter(record -> record.path("event").asString().equals(event))
                .map(record -> record.path("failure").asString("")).toList();
    }
}
