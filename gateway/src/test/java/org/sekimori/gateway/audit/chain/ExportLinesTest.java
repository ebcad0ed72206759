package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sekimori.keys.CheckpointSigningKey;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ExportLinesTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x061c, 0x200b, 0x200e, 0x200f,
        0x2028, 0x2029, 0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xd800, 0xdfff})
    void ofWhenValueHoldsALineOrDisplayControlThenWrittenAsItsEscapeAndHashHolds(int control) {
        String userAgent = "agent" + (char) control + "end";
        ChainEntry entry = ChainEntry.link("gw1", 1, ChainEntry.genesis(), record(userAgent));

        String line = ExportLines.of(entry);

        assertThat(line.chars().filter(ExportLines::escaped)).isEmpty();
        assertThat(line).contains("agent" + escape(control) + "end");
        ChainEntry read = ChainEntry.fromJson(PLAIN.readTree(line));
        assertThat(read.record().get("userAgent").stringValue()).isEqualTo(userAgent);
        assertThat(read.hashHolds()).isTrue();
    }

    @Test
    void ofWhenUserAgentForgesARecordAfterALineBreakThenStillOneLine() {
        ChainEntry forged = ChainEntry.link("gw1", 2, ChainEntry.genesis(), record("x"));
        String userAgent = "curl\n" + ExportLines.of(forged) + "\u2028" + ExportLines.of(forged) + "\r\u0085";
        ChainEntry entry = ChainEntry.link("gw1", 1, ChainEntry.genesis(), record(userAgent));

        String line = ExportLines.of(entry);

        assertThat(line.lines()).hasSize(1);
        assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).split("[\\n\\r\\u2028\\u2029\\u0085]"))
                .hasSize(1);
        assertThat(ChainEntry.fromJson(PLAIN.readTree(line))).isEqualTo(entry);
    }

    @Test
    void ofWhenTextIsPrintableThenLeftAsItIs() {
        String userAgent = "Mozilla/5.0 (Macintosh; 東京) \"quoted\" ü \uD83D\uDE00";
        ChainEntry entry = ChainEntry.link("gw1", 1, ChainEntry.genesis(), record(userAgent));

        String line = ExportLines.of(entry);

        assertThat(line).contains("Mozilla/5.0 (Macintosh; 東京) \\\"quoted\\\" ü \\ud83d\\ude00");
        assertThat(ChainEntry.fromJson(PLAIN.readTree(line)).hashHolds()).isTrue();
    }

    @Test
    void ofWhenLoneSurrogateThenItSurvivesUtf8AndHashHolds() {
        ChainEntry entry = ChainEntry.link("gw1", 1, ChainEntry.genesis(), record("a\uD800b"));

        String written = new String(ExportLines.of(entry).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        ChainEntry read = ChainEntry.fromJson(PLAIN.readTree(written));
        assertThat(read.record().get("userAgent").stringValue()).isEqualTo("a\uD800b");
        assertThat(read.hashHolds()).isTrue();
    }

    @Test
    void ofWhenEveryCharacterOfTheBasicPlaneThenNoLineOrDisplayControlIsLeft() {
        StringBuilder all = new StringBuilder();
        IntStream.range(0, 0x10000).forEach(c -> all.append((char) c));
        ChainEntry entry = ChainEntry.link("gw1", 1, ChainEntry.genesis(), record(all.toString()));

        String line = ExportLines.of(entry);

        assertThat(line.chars().filter(ExportLines::escaped)).isEmpty();
        assertThat(ChainEntry.fromJson(PLAIN.readTree(line)).hashHolds()).isTrue();
    }

    @Test
    void ofCheckpointThenOneLineThatReadsBackSignedAndEqual() throws Exception {
        CheckpointSigningKey key = CheckpointSigningKey.loadOrCreate(dir.resolve("k"), new SecureRandom());
        Checkpoint checkpoint = Checkpoint.sign("gw1", 10, "ab".repeat(32), Instant.parse("2026-01-02T03:04:05Z"),
                Checkpoint.first(), key);

        String line = ExportLines.of(checkpoint);

        assertThat(line).doesNotContain("\n");
        Checkpoint read = Checkpoint.fromJson(PLAIN.readTree(line));
        assertThat(read).isEqualTo(checkpoint);
        assertThat(read.signedBy(key.publicKey())).isTrue();
    }

    private static String escape(int control) {
        return switch (control) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> String.format("\\u%04x", control);
        };
    }

    private static ObjectNode record(String userAgent) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "access");
        record.put("time", "2026-01-02T03:04:05.678Z");
        record.put("userAgent", userAgent);
        return record;
    }
}
