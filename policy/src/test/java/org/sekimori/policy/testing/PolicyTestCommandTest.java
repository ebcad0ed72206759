package org.sekimori.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTestCommandTest {

    private static final Path DECISIONS = Path.of("src/test/resources/decisions").toAbsolutePath();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void runWhenEveryCasePassesThenCountAndStatusZero() {
        int status = run(DECISIONS.resolve("cases.yaml").toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("(?s).*cases\\.yaml: \\d+ passed, 0 failed\\n");
    }

    @Test
    void runWhenACaseFailsThenReportSaysExpectedAndGotWithFileAndLine() throws IOException {
        Path file = copyOfCases(List.of("  - name: wrong on purpose",
                "    principal: doctor",
                "    request: {dataSystem: clinic, action: delete, purpose: care}",
                "    expect: {effect: permit, rule: grant/doctor-care}"));

        int status = run(file.toString());

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(report).contains("FAIL " + file + ":").contains(" wrong on purpose\n"
                + "     decided: deny (no-grant, default/no-grant)\n"
                + "     effect: expected permit, got deny\n"
                + "     rule: expected grant/doctor-care, got default/no-grant\n");
        assertThat(report).endsWith(" passed, 1 failed\n");
    }

    @Test
    void runWhenFileBrokenThenStatusTwoAndEveryError() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "ledger: nope.yaml\npolicy: nope.yaml\nprincipals: []\ncases:\n  - name: x\n");

        int status = run(file.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ":5: cases[0].principal: is required",
                file + ":5: cases[0].request: is required");
    }

    @Test
    void runWhenNoFileThenUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("policy-test: name one or more");
    }

    private int run(String... files) {
        return PolicyTestCommand.run(List.of(files), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path copyOfCases(List<String> extraCase) throws IOException {
        for (String name : List.of("ledger.yaml", "policy.yaml", "subjects.yaml", "holidays.yaml")) {
            Files.copy(DECISIONS.resolve(name), dir.resolve(name));
        }
        Path file = dir.resolve("cases.yaml");
        Files.writeString(file, Files.readString(DECISIONS.resolve("cases.yaml")) + "\n" + String.join("\n", extraCase)
                + "\n");
        return file;
    }
}
