package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.keys.CheckpointSigningKey;

class VerifyRecordsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private RecordedChain chain;
    private Path publicKey;

    @BeforeEach
    void recordAChain() throws IOException {
        CheckpointSigningKey key = CheckpointSigningKey.loadOrCreate(dir.resolve("k"), new SecureRandom());
        chain = new RecordedChain("gw1", key, 10).append(23);
        publicKey = Files.writeString(dir.resolve("checkpoint.pub"), key.publicKey().toPem());
    }

    @Test
    void runWhenExportIntactThenReportAndStatusZero() throws IOException {
        Path export = write("export.ndjson", chain.export());
        Path copy = write("checkpoints.ndjson", chain.checkpointCopy());

        int status = run("--public-key", publicKey.toString(), "--checkpoints", copy.toString(), export.toString());

        assertThat(status).isZero();
        assertThat(stdout()).isEqualTo("Export " + export + ", checked with public key k1 and the checkpoint copy "
                + copy + ".\n"
                + "Chain gw1: records 1 to 23 (23 records), 2 checkpoints verified.\n"
                + "  Note: 3 records are not yet sealed by a checkpoint: nothing signed shows that records after"
                + " record 20 were not cut off or added; the next checkpoint will seal them.\n"
                + "INTACT: every record is in place and unchanged, and every checkpoint is signed and linked.\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void runWhenRecordChangedThenTamperedReportAndStatusOne() throws IOException {
        List<String> lines = chain.export();
        lines.set(3, lines.get(3).replace("curl/8.3", "curl/9.9"));
        Path export = write("export.ndjson", lines);

        int status = run("--public-key", publicKey.toString(), export.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stdout()).contains(", without a checkpoint copy").endsWith(
                "TAMPERED: MODIFIED in chain gw1 at record 4 (line 4)\n  Record 4 no longer hashes to the hash stored"
                        + " with it: its content was changed after it was written.\n");
    }

    @Test
    void runWhenTailCutOffThenTruncatedOnlyWithTheCheckpointCopy() throws IOException {
        Path export = write("export.ndjson", RecordedChain.lines(chain.entries().subList(0, 15),
                chain.checkpoints().subList(0, 1)));
        Path copy = write("checkpoints.ndjson", chain.checkpointCopy());

        int without = run("--public-key", publicKey.toString(), export.toString());
        int with = run("--public-key", publicKey.toString(), "--checkpoints", copy.toString(), export.toString());

        assertThat(without).isZero();
        assertThat(with).isEqualTo(1);
        assertThat(stdout()).contains("5 records are not yet sealed").contains("TAMPERED: TRUNCATED in chain gw1"
                + " at record 16\n  The export ends at record 15, but the checkpoint at record 20, signed"
                + " 2026-03-01T09:00:20Z, says").contains("give the time of the export with --exported-at");
    }

    @Test
    void runWhenCheckpointCopyIsNewerThanTheExportThenIntactGivenTheExportTime() throws IOException {
        Path export = write("export.ndjson", RecordedChain.lines(chain.entries().subList(0, 15),
                chain.checkpoints().subList(0, 1)));
        Path copy = write("checkpoints.ndjson", chain.checkpointCopy());

        int before = run("--public-key", publicKey.toString(), "--checkpoints", copy.toString(), "--exported-at",
                "2026-03-01T18:00:19+09:00", export.toString());
        int after = run("--public-key", publicKey.toString(), "--checkpoints", copy.toString(), "--exported-at",
                "2026-03-01T09:00:20Z", export.toString());

        assertThat(before).isZero();
        assertThat(after).isEqualTo(1);
        assertThat(stdout()).contains("Export " + export + " (made 2026-03-01T09:00:19Z), checked with")
                .doesNotContain("--exported-at");
    }

    @Test
    void runWhenExportTimeUnreadableOrGivenTwiceThenStatusTwo() {
        assertThat(run("--public-key", publicKey.toString(), "--exported-at", "yesterday", "x.ndjson")).isEqualTo(2);
        assertThat(run("--public-key", publicKey.toString(), "--checkpoints", "a", "--checkpoints", "b", "x.ndjson"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--exported-at takes a time with its offset").contains("not yesterday")
                .contains("--checkpoints is given twice");
    }

    @Test
    void runWhenALineIsNotUtf8ThenMalformedAtItsLine() throws IOException {
        Path export = write("export.ndjson", chain.export());
        byte[] bytes = Files.readAllBytes(export);
        int secondLine = new String(bytes, StandardCharsets.UTF_8).indexOf('\n') + 1;
        bytes[secondLine + 2] = (byte) 0xff;
        Files.write(export, bytes);

        int status = run("--public-key", publicKey.toString(), export.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stdout()).contains("TAMPERED: MALFORMED (line 2)\n"
                + "  Line 2 of the export cannot be read: it is not UTF-8 text.\n");
    }

    @Test
    void runWhenNoPublicKeyThenUsageAndStatusTwo() throws IOException {
        Path export = write("export.ndjson", chain.export());

        assertThat(run(export.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("verify-records: name the public key").contains(VerifyRecordsCommand.USAGE);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void runWhenNotOneExportThenUsageAndStatusTwo() {
        assertThat(run("--public-key", publicKey.toString())).isEqualTo(2);
        assertThat(run("--public-key", publicKey.toString(), "a.ndjson", "b.ndjson")).isEqualTo(2);
        assertThat(stderr()).contains("name one export file, not 0").contains("name one export file, not 2");
    }

    @Test
    void runWhenUnknownOptionOrOptionWithoutFileThenStatusTwo() {
        assertThat(run("--public-key", publicKey.toString(), "--quick", "export.ndjson")).isEqualTo(2);
        assertThat(run("export.ndjson", "--public-key")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --quick").contains("--public-key needs a value");
    }

    @Test
    void runWhenExportMissingThenMessageWithoutStackTraceAndStatusTwo() {
        Path missing = dir.resolve("missing.ndjson");

        int status = run("--public-key", publicKey.toString(), missing.toString());

        assertThat(status).isEqualTo(2);
        assertThat(stderr()).isEqualTo("verify-records: " + missing + " cannot be read: no such file\n");
    }

    @Test
    void runWhenPublicKeyUnreadableThenMessageAndStatusTwo() throws IOException {
        Path export = write("export.ndjson", chain.export());
        Path notAKey = Files.writeString(dir.resolve("not.pub"), "hello\n");

        int missing = run("--public-key", dir.resolve("nope.pub").toString(), export.toString());
        int broken = run("--public-key", notAKey.toString(), export.toString());

        assertThat(missing).isEqualTo(2);
        assertThat(broken).isEqualTo(2);
        assertThat(stderr()).contains("the public key " + dir.resolve("nope.pub") + " cannot be read: no such file")
                .contains("the public key " + notAKey + " cannot be read: " + notAKey + " holds no PEM public key")
                .doesNotContain("\tat ");
    }

    private int run(String... args) {
        return VerifyRecordsCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), new ArrayList<>(lines), StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
