package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.audit.chain.ExportFile.UnreadableLine;

class ExportFileTest {

    @TempDir
    Path dir;

    @Test
    void linesWhenReadTwiceThenTheSameLinesSplitAtLineFeedsOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("x.ndjson"), "a\r\nb\u2028c\n\nd", StandardCharsets.UTF_8);

        for (int pass = 0; pass < 2; pass++) {
            try (Stream<String> lines = ExportFile.lines(file).get()) {
                assertThat(lines).containsExactly("a\r", "b\u2028c", "", "d");
            }
        }
    }

    @Test
    void linesWhenALineIsTooLongThenUnreadableAtItsNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("x.ndjson"), "ok\n" + "x".repeat(ExportFile.MAX_LINE_BYTES + 1));

        try (Stream<String> lines = ExportFile.lines(file).get()) {
            assertThatThrownBy(() -> lines.forEach(line -> { }))
                    .isInstanceOfSatisfying(UnreadableLine.class, e -> assertThat(e.line()).isEqualTo(2))
                    .hasMessageContaining("longer than");
        }
    }

    @Test
    void linesWhenFileMissingThenUncheckedIoOnRead() {
        assertThatThrownBy(() -> ExportFile.lines(dir.resolve("none")).get())
                .isInstanceOf(UncheckedIOException.class);
    }
}
