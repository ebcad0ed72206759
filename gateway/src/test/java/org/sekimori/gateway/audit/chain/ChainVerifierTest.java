package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sekimori.gateway.audit.chain.Problem.Kind;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.CheckpointSigningKey;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ChainVerifierTest {

    @TempDir
    Path dir;

    private CheckpointSigningKey key;
    private RecordedChain gw1;

    @BeforeEach
    void recordFiftyWithACheckpointEveryTen() throws IOException {
        key = CheckpointSigningKey.loadOrCreate(dir.resolve("k"), new SecureRandom());
        gw1 = new RecordedChain("gw1", key, 10).append(50);
    }

    @Test
    void verifyWhenUntouchedThenIntactWithCounts() {
        Verification verification = verify(gw1.export());

        assertThat(verification.problem()).isEmpty();
        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 50, 1, 50, 5, 0));
    }

    @Test
    void verifyWhenRecordsAfterTheLastCheckpointThenIntactAndCountedUnsealed() {
        gw1.append(7);

        Verification verification = verify(gw1.export());

        assertThat(verification.intact()).isTrue();
        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 57, 1, 57, 5, 7));
    }

    @Test
    void verifyWhenTwoChainsInterleavedThenEachIntact() throws IOException {
        RecordedChain gw2 = new RecordedChain("gw2", CheckpointSigningKey.loadOrCreate(dir.resolve("k2"),
                new SecureRandom()), 4).append(9);
        List<String> export = new ArrayList<>();
        List<String> first = gw1.export();
        List<String> second = gw2.export();
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                export.add(first.get(i));
            }
            if (i < second.size()) {
                export.add(second.get(i));
            }
        }

        Verification verification = new ChainVerifier(List.of(key.publicKey(),
                CheckpointPublicKey.read(writePublicKey("k2")))).verify(export::stream);

        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 50, 1, 50, 5, 0),
                new ChainSummary("gw2", 9, 1, 9, 2, 1));
    }

    @Test
    void verifyWhenIntactThenReadsTheExportTwice() {
        List<String> export = gw1.export();
        AtomicInteger passes = new AtomicInteger();

        Verification verification = new ChainVerifier(List.of(key.publicKey())).verify(() -> {
            passes.incrementAndGet();
            return export.stream();
        });

        assertThat(verification.intact()).isTrue();
        assertThat(passes).hasValue(2);
    }

    static Stream<Arguments> damagedLines() {
        return Stream.of(
                Arguments.of(3, damage(line -> line.substring(0, 20)), "it is not JSON"),
                Arguments.of(2, damage(line -> "[1,2]"), "it is not a JSON object"),
                Arguments.of(5, damage(line -> line.replace("\"hash\"", "\"hush\"")), "'hash' is missing"),
                Arguments.of(1, damage(line -> line.replace("{\"chain\":\"gw1\",", "{\"chain\":\"gw1\",\"chain\":\"gw9\",")),
                        "it is not JSON (Duplicate"),
                Arguments.of(4, damage(line -> line.replace("\"seq\":4", "\"seq\":0")), "'seq' is 0, and records are numbered from 1"),
                Arguments.of(11, damage(line -> line.replace("\"time\":\"", "\"time\":\"x")), "'time' is not"));
    }

    @ParameterizedTest
    @MethodSource("damagedLines")
    void verifyWhenALineCannotBeReadThenMalformedAtItsNumber(int number, UnaryOperator<String> damage, String said) {
        List<String> export = gw1.export();
        export.set(number - 1, damage.apply(export.get(number - 1)));

        Problem problem = found(verify(export), Kind.MALFORMED);

        assertThat(problem.line()).isEqualTo(number);
        assertThat(problem.explanation()).startsWith("Line " + number + " of the export cannot be read: " + said);
    }

    @Test
    void verifyWhenCheckpointCopyHoldsARecordThenMalformedInTheCopy() {
        List<String> copy = new ArrayList<>(gw1.checkpointCopy());
        copy.add(1, gw1.export().get(0));

        Problem problem = found(verify(gw1.export(), copy), Kind.MALFORMED);

        assertThat(problem.explanation()).isEqualTo("Line 2 of the checkpoint copy is not a checkpoint.");
    }

    @Test
    void verifyWhenRecordContentChangedThenModifiedAtIt() {
        List<ChainEntry> entries = gw1.entries();
        ChainEntry original = entries.get(14);
        ObjectNode record = original.record().deepCopy();
        record.put("handler", "someone-else");
        entries.set(14, new ChainEntry("gw1", 15, original.prev(), original.hash(), record));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.MODIFIED, 15);

        assertThat(problem.chain()).isEqualTo("gw1");
        assertThat(problem.line()).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"15 | Record 15 is missing: record 16 follows record 14.",
        "1 | The chain starts at record 2, and no purge record accounts for record 1."})
    void verifyWhenRecordRemovedThenDeletedAtIt(long removed, String said) {
        List<ChainEntry> entries = gw1.entries();
        entries.removeIf(entry -> entry.seq() == removed);

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.DELETED, removed);

        assertThat(problem.explanation()).isEqualTo(said);
    }

    @Test
    void verifyWhenRecordsAfterAPurgeRemovedThenDeletedAtTheFirstNotPurged() {
        gw1.purge(20);
        List<ChainEntry> entries = gw1.entries();
        entries.removeIf(entry -> entry.seq() <= 23);

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.DELETED, 21);

        assertThat(problem.explanation()).contains("starts at record 24", "records 21 to 23");
    }

    @Test
    void verifyWhenForgedRecordWithATakenNumberPutBetweenTwoThenInsertedAtThatNumber() {
        List<ChainEntry> entries = gw1.entries();
        ObjectNode record = gw1.entry(16).record().deepCopy();
        record.put("handler", "nobody-was-here");
        entries.add(15, ChainEntry.link("gw1", 16, gw1.entry(15).hash(), record));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.INSERTED, 16);

        assertThat(problem.explanation()).isEqualTo(
                "Two different records carry number 16: one of them was made up and put in the chain.");
    }

    @Test
    void verifyWhenRecordReplacedByOneThatDoesNotLinkThenInsertedAtIt() {
        List<ChainEntry> entries = gw1.entries();
        entries.set(15, ChainEntry.link("gw1", 16, "ab".repeat(32), gw1.entry(16).record()));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.INSERTED, 16);

        assertThat(problem.explanation()).contains("does not link to the hash of the record before it");
    }

    @Test
    void verifyWhenTwoRecordsSwappedThenReorderedAtTheFirst() {
        List<ChainEntry> entries = gw1.entries();
        entries.set(14, gw1.entry(16));
        entries.set(15, gw1.entry(15));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.REORDERED, 15);

        assertThat(problem.explanation()).contains("Record 16 stands where record 15 belongs");
    }

    @ParameterizedTest
    @CsvSource({"15, 15", "3, 50"})
    void verifyWhenRecordRepeatedThenDuplicatedAtIt(long seq, int at) {
        List<ChainEntry> entries = gw1.entries();
        entries.add(at, gw1.entry(seq));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.DUPLICATED, seq);

        assertThat(problem.explanation()).isEqualTo("Record " + seq + " stands in the export more than once.");
    }

    @Test
    void verifyWhenLastRecordsAndTheirCheckpointsDroppedButCopyKeptThenTruncated() {
        List<String> copy = gw1.checkpointCopy();
        List<ChainEntry> entries = gw1.entries().subList(0, 42);
        List<Checkpoint> checkpoints = gw1.checkpoints().subList(0, 4);

        Problem problem = found(verify(RecordedChain.lines(entries, checkpoints), copy), Kind.TRUNCATED, 43);

        assertThat(problem.explanation()).isEqualTo("The export ends at record 42, but the checkpoint at record 50,"
                + " signed 2026-03-01T09:00:50Z, says the chain held records up to 50: records 43 to 50 were cut off.");
    }

    @ParameterizedTest
    @CsvSource({"2026-03-01T09:00:49Z, true", "2026-03-01T09:00:50Z, false"})
    void verifyWhenCopyHasCheckpointsBeyondTheExportThenTruncatedOnlyIfSignedByTheExportTime(Instant exportedAt,
            boolean intact) {
        List<String> export = RecordedChain.lines(gw1.entries().subList(0, 42), gw1.checkpoints().subList(0, 4));
        List<String> copy = gw1.checkpointCopy();

        Verification verification = new ChainVerifier(List.of(key.publicKey())).verify(export::stream, copy::stream,
                exportedAt);

        assertThat(verification.intact()).isEqualTo(intact);
        if (intact) {
            assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 42, 1, 42, 5, 2));
        } else {
            found(verification, Kind.TRUNCATED, 43);
        }
    }

    @Test
    void verifyWhenLastRecordsAndNewestCheckpointDroppedWithoutCopyThenIntactButUnsealedCounted() {
        List<ChainEntry> entries = gw1.entries().subList(0, 42);
        List<Checkpoint> checkpoints = gw1.checkpoints().subList(0, 4);

        Verification verification = verifyExport(entries, checkpoints);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 42, 1, 42, 4, 2));
    }

    @Test
    void verifyWhenLastRecordRemovedButItsCheckpointKeptThenTruncated() {
        List<ChainEntry> entries = gw1.entries().subList(0, 49);

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.TRUNCATED, 50);

    }

    @Test
    void verifyWhenAWholeChainIsMissingButItsCheckpointsAreCopiedThenTruncated() throws IOException {
        RecordedChain gw2 = new RecordedChain("gw2", key, 5).append(12);
        List<String> copy = new ArrayList<>(gw1.checkpointCopy());
        copy.addAll(gw2.checkpointCopy());

        Problem problem = found(verify(gw1.export(), copy), Kind.TRUNCATED);

        assertThat(problem.chain()).isEqualTo("gw2");
        assertThat(problem.explanation()).startsWith("The export holds no record of the chain");
    }

    @Test
    void verifyWhenRecordChangedAndEveryHashAfterRecomputedThenRehashedBetweenCheckpoints() {
        List<ChainEntry> entries = RecordedChain.rehashedFrom(gw1.entries(), 15,
                record -> record.put("handler", "someone-else"));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.REHASHED, 20);

        assertThat(problem.explanation()).startsWith("Records 11 to 20 no longer end in the hash that the signed"
                + " checkpoint at record 20 holds");
    }

    @Test
    void verifyWhenRehashedAndResignedWithAnotherKeyThenForgedCheckpoint() throws IOException {
        CheckpointSigningKey other = CheckpointSigningKey.loadOrCreate(dir.resolve("other"), new SecureRandom());
        List<ChainEntry> entries = RecordedChain.rehashedFrom(gw1.entries(), 15,
                record -> record.put("handler", "someone-else"));
        List<Checkpoint> checkpoints = RecordedChain.resigned(gw1.checkpoints(), entries, other);

        Problem problem = found(verifyExport(entries, checkpoints), Kind.FORGED_CHECKPOINT, 20);

        assertThat(problem.explanation()).contains("is not signed by any of the given public keys");
    }

    @Test
    void verifyWhenRehashedAndResignedWithTheKeyButCopyKeptThenForgedCheckpointAgainstTheCopy() {
        List<String> copy = gw1.checkpointCopy();
        List<ChainEntry> entries = RecordedChain.rehashedFrom(gw1.entries(), 15,
                record -> record.put("handler", "someone-else"));
        List<Checkpoint> checkpoints = RecordedChain.resigned(gw1.checkpoints(), entries, key);
        List<String> export = RecordedChain.lines(entries, checkpoints);
        assertThat(verify(export).intact()).isTrue();

        Problem problem = found(verify(export, copy), Kind.FORGED_CHECKPOINT, 20);

        assertThat(problem.explanation()).isEqualTo("The checkpoint copy holds a checkpoint at record 20 that differs"
                + " from the one in the export: one of them was re-signed or replaced.");
    }

    @ParameterizedTest
    @CsvSource({"2, 40, does not link to the checkpoint at record 20", "0, 20, an earlier checkpoint was removed"})
    void verifyWhenACheckpointRemovedThenForgedCheckpointAtTheNext(int removed, long next, String said) {
        List<Checkpoint> checkpoints = gw1.checkpoints();
        checkpoints.remove(removed);

        Problem problem = found(verifyExport(gw1.entries(), checkpoints), Kind.FORGED_CHECKPOINT, next);

        assertThat(problem.explanation()).contains(said);
    }

    @Test
    void verifyWhenCheckpointRemovedFromTheExportButInTheCopyThenIntact() {
        List<Checkpoint> checkpoints = gw1.checkpoints();
        checkpoints.remove(2);

        Verification verification = verify(RecordedChain.lines(gw1.entries(), checkpoints), gw1.checkpointCopy());

        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 50, 1, 50, 5, 0));
    }

    @Test
    void verifyWhenOldestRecordsPurgedAsTheWriterDoesThenIntact() {
        gw1.purge(20);

        Verification verification = verify(gw1.export(), gw1.checkpointCopy());

        assertThat(verification.problem()).isEmpty();
        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 31, 21, 51, 6, 0));
    }

    @Test
    void verifyWhenCheckpointsPurgedWithTheirRecordsThenTheFirstLeftStartsTheSeries() {
        gw1.purge(20);
        List<Checkpoint> checkpoints = gw1.checkpoints();
        checkpoints.removeIf(checkpoint -> checkpoint.seq() <= 20);

        Verification verification = verifyExport(gw1.entries(), checkpoints);

        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 31, 21, 51, 4, 0));
    }

    @Test
    void verifyWhenCheckpointsPurgedAndALaterOneRemovedThenForgedCheckpoint() {
        gw1.purge(20);
        List<Checkpoint> checkpoints = gw1.checkpoints();
        checkpoints.removeIf(checkpoint -> checkpoint.seq() <= 20 || checkpoint.seq() == 40);

        Problem problem = found(verifyExport(gw1.entries(), checkpoints), Kind.FORGED_CHECKPOINT, 50);

        assertThat(problem.explanation()).contains("does not link to the checkpoint at record 30");
    }

    @Test
    void verifyWhenPurgedTwiceThenIntactFromTheSecondPurge() {
        gw1.purge(20).append(10).purge(45);

        Verification verification = verify(gw1.export());

        assertThat(verification.chains()).containsExactly(new ChainSummary("gw1", 17, 46, 62, 8, 0));
    }

    @Test
    void verifyWhenOldRecordsDeletedAndAnUnsealedPurgeRecordAppendedToAccountForThemThenDeleted() {
        List<ChainEntry> entries = gw1.entries();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "purge");
        record.put("time", "2026-03-01T10:00:00Z");
        ObjectNode purged = record.putObject("purged");
        purged.put("from", 1).put("to", 40).put("head", gw1.entry(40).hash()).put("before", "2026-03-01T09:00:41Z");
        entries.add(ChainEntry.link("gw1", 51, gw1.entry(50).hash(), record));
        entries.removeIf(entry -> entry.seq() <= 40);

        Verification verification = verify(RecordedChain.lines(entries, gw1.checkpoints()), gw1.checkpointCopy());

        Problem problem = found(verification, Kind.DELETED, 1);
        assertThat(problem.explanation()).contains("record 51, is sealed by no checkpoint");
    }

    @Test
    void verifyWhenPurgeRecordChangedToHideMoreDeletedRecordsThenModified() {
        gw1.purge(20);
        List<ChainEntry> entries = gw1.entries();
        ChainEntry purge = entries.get(entries.size() - 1);
        ObjectNode record = purge.record().deepCopy();
        ((ObjectNode) record.get("purged")).put("to", 25).put("head", gw1.entry(25).hash());
        entries.set(entries.size() - 1, new ChainEntry("gw1", purge.seq(), purge.prev(), purge.hash(), record));
        entries.removeIf(entry -> entry.seq() <= 25);

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.MODIFIED, 51);

    }

    @Test
    void verifyWhenKeyRotatedThenIntactWithBothKeysAndForgedWithTheNewOnly() throws IOException {
        CheckpointSigningKey next = CheckpointSigningKey.loadOrCreate(dir.resolve("next"), new SecureRandom());
        gw1.rotate(next).append(20);

        Verification both = new ChainVerifier(List.of(key.publicKey(), next.publicKey()))
                .verify(() -> gw1.export().stream());
        Verification newOnly = new ChainVerifier(List.of(next.publicKey())).verify(() -> gw1.export().stream());

        assertThat(both.chains()).containsExactly(new ChainSummary("gw1", 70, 1, 70, 7, 0));
        found(newOnly, Kind.FORGED_CHECKPOINT, 10);
    }

    @Test
    void verifyWhenRecordHoldsAFractionThenModified() {
        List<ChainEntry> entries = gw1.entries();
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("event", "access").put("durationMs", 1.5);
        ChainEntry original = entries.get(4);
        entries.set(4, new ChainEntry("gw1", 5, original.prev(), original.hash(), record));

        Problem problem = found(verifyExport(entries, gw1.checkpoints()), Kind.MODIFIED, 5);

    }

    private Path writePublicKey(String name) throws IOException {
        Path file = dir.resolve(name + ".pub");
        Files.writeString(file, CheckpointSigningKey.loadOrCreate(dir.resolve(name), new SecureRandom())
                .publicKey().toPem());
        return file;
    }

    private static UnaryOperator<String> damage(UnaryOperator<String> damage) {
        return damage;
    }

    private Verification verifyExport(List<ChainEntry> entries, List<Checkpoint> checkpoints) {
        return verify(RecordedChain.lines(entries, checkpoints));
    }

    private Verification verify(List<String> export) {
        return verify(export, List.of());
    }

    private Verification verify(List<String> export, List<String> copy) {
        Supplier<Stream<String>> copyLines = copy::stream;
        return new ChainVerifier(List.of(key.publicKey())).verify(export::stream, copyLines);
    }

    /** The problem found, which must be of {@code kind}, at record {@code seq}. */
    private static Problem found(Verification verification, Kind kind, long seq) {
        Problem problem = found(verification, kind);
        assertThat(problem.seq()).isEqualTo(seq);
        return problem;
    }

    private static Problem found(Verification verification, Kind kind) {
        Problem problem = problem(verification);
        assertThat(problem.kind()).isEqualTo(kind);
        return problem;
    }

    private static Problem problem(Verification verification) {
        assertThat(verification.problem()).as("a problem").isPresent();
        return verification.problem().get();
    }
}
