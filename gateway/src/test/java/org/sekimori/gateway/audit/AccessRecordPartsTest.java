package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.ExportLines;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** An answer naming more subjects than one record lists: every subject is recorded, every line stays small. */
class AccessRecordPartsTest {

    @Test
    void subjectsBeyondOneRecordGoOnInContinuationRecordsWithTheSameCorrelation() {
        List<String> subjects = IntStream.range(0, 25_001).mapToObj(i -> "s-" + "x".repeat(40) + i).toList();
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("event", "access").put("time",
                "2026-12-03T01:00:00Z").put("correlation", "c-1").put("dataSystem", "followup");
        subjects.stream().limit(AccessRecords.MAX_SUBJECTS_PER_RECORD).forEach(record.putArray("subjects")::add);

        List<AccessRecords.Made> parts = new AccessRecords.Made(record, subjects).parts();

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).record().path("subjectParts").asInt()).isEqualTo(3);
        assertThat(parts.get(2).record().path("event").asString()).isEqualTo("subjects");
        assertThat(parts.get(2).record().path("correlation").asString()).isEqualTo("c-1");
        assertThat(parts.get(2).record().path("part").asInt()).isEqualTo(3);
        assertThat(parts.stream().flatMap(part -> part.subjects().stream()).toList()).isEqualTo(subjects);
        for (AccessRecords.Made part : parts) {
            assertThat(part.record().path("subjects").size()).isEqualTo(part.subjects().size());
            String line = ExportLines.of(ChainEntry.link("gw", 1, ChainEntry.genesis(), part.record()));
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThan(1 << 20);
        }
        assertThat(new AccessRecords.Made(record, subjects.subList(0, 3)).parts()).hasSize(1);
    }
}
