package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.store.ChainHead;
import org.sekimori.gateway.audit.store.JournalChainStore;
import org.sekimori.gateway.audit.store.JournalReader;
import org.sekimori.gateway.audit.store.StoredEntry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class JournalChainStoreTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CHAIN = "gw-1";

    @TempDir
    Path dir;

    @Test
    void whatWasAppendedIsTheHeadAfterReopeningAcrossSegments() throws Exception {
        List<ChainEntry> written = append(new JournalChainStore(dir, CHAIN, JSON, 2048), 0, 30);

        try (JournalChainStore reopened = new JournalChainStore(dir, CHAIN, JSON, 2048)) {
            ChainHead head = reopened.head(CHAIN);
            assertThat(head.seq()).isEqualTo(30);
            assertThat(head.hash()).isEqualTo(written.get(29).hash());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isGreaterThan(3);
        }
    }

    @Test
    void aChainHasOneWriterAtATimeAndTheNextTakesItOnceTheFirstCloses() throws Exception {
        JournalChainStore first = new JournalChainStore(dir, CHAIN, JSON, 2048);
        first.claim(CHAIN);

        try (JournalChainStore second = new JournalChainStore(dir, CHAIN, JSON, 2048)) {
            assertThatThrownBy(() -> second.claim(CHAIN)).isInstanceOf(java.sql.SQLException.class);
            first.close();
            second.claim(CHAIN);
        }
    }

    @Test
    void aWriteACrashLeftUnfinishedIsCutOffAndTheChainGoesOnFromTheLastCompleteRecord() throws Exception {
        List<ChainEntry> written = append(new JournalChainStore(dir, CHAIN, JSON, 1 << 20), 0, 5);
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"chain\":\"gw-1\",\"seq\":6,\"pr", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (JournalChainStore reopened = new JournalChainStore(dir, CHAIN, JSON, 1 << 20)) {
            assertThat(reopened.head(CHAIN).seq()).isEqualTo(5);
            append(reopened, 5, 1);
        }
        List<ChainEntry> exported = new ArrayList<>();
        new JournalReader(dir, JSON).export(CHAIN, exported::add, checkpoint -> { });
        assertThat(exported).extracting(ChainEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(exported.get(5).prev()).isEqualTo(written.get(4).hash());
        assertThat(exported).allMatch(ChainEntry::hashHolds);
    }

    @Test
    void aPurgeDeletesWholeOldSegmentsOnlyAfterRecordingItself() throws Exception {
        JournalChainStore store = new JournalChainStore(dir, CHAIN, JSON, 2048);
        List<ChainEntry> written = append(store, 0, 30);

        Optional<long[]> range = store.purgeable(CHAIN, Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(range).isPresent();
        long to = range.get()[1];
        ObjectNode record = record("purge", Instant.parse("2029-01-01T00:00:00Z"));
        int deleted = store.purge(CHAIN, to, new StoredEntry(ChainEntry.link(CHAIN, 31, written.get(29).hash(), record),
                List.of()));
        store.close();

        List<ChainEntry> left = new ArrayList<>();
        new JournalReader(dir, JSON).export(CHAIN, left::add, checkpoint -> { });
        assertThat(range.get()[0]).isEqualTo(1);
        assertThat(deleted).isEqualTo((int) to);
        assertThat(left.get(0).seq()).isEqualTo(to + 1);
        assertThat(left.get(left.size() - 1).record().path("event").asString()).isEqualTo("purge");
        assertThat(to).isLessThan(30); // the newest segment stays, whatever its age
    }

    private static List<ChainEntry> append(JournalChainStore store, long after, int count) throws Exception {
        List<ChainEntry> entries = new ArrayList<>();
        String prev = after == 0 ? ChainEntry.genesis() : store.head(CHAIN).hash();
        for (int i = 1; i <= count; i++) {
            ChainEntry entry = ChainEntry.link(CHAIN, after + i, prev,
                    record("access", Instant.parse("2026-11-24T01:00:00Z").plusSeconds(after + i)));
            store.append(List.of(new StoredEntry(entry, List.of())), Optional.empty());
            entries.add(entry);
            prev = entry.hash();
        }
        return entries;
    }

    private static ObjectNode record(String event, Instant time) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", event);
        record.put("time", time.toString());
        record.put("route", "/systems/followup/subjects/{subject}");
        return record;
    }
}
