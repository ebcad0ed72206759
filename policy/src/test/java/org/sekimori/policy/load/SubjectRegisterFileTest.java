package org.sekimori.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.model.Ledger;

class SubjectRegisterFileTest {

    private final Ledger ledger = LedgerFile.load(Path.of("src/test/resources/decisions/ledger.yaml"));

    @TempDir
    Path dir;

    @Test
    void loadWhenValidThenUseStopsAndConsentsOfEverySubjectAndOfOne() {
        SubjectRegister register = SubjectRegisterFile.load(Path.of("src/test/resources/decisions/subjects.yaml"),
                ledger);

        assertThat(register.useStopped("clinic", "P9")).isTrue();
        assertThat(register.useStopped("clinic", "P1")).isFalse();
        assertThat(register.consented("clinic", null, "care")).isTrue();
        assertThat(register.consented("clinic", "P1", "research")).isTrue();
        assertThat(register.consented("clinic", "P2", "research")).isFalse();
        assertThat(register.consented("pharmacy", "P1", "care")).isFalse();
    }

    @Test
    void loadWhenBrokenThenEveryErrorLocatedButNoSubjectIdentifierInAnyMessage() throws IOException {
        Path file = dir.resolve("subjects.yaml");
        Files.writeString(file, """
                dataSystems:
                  clinic:
                    useStopped: [P7345, P7345]
                    consents:
                      everySubject: [marketing]
                      subjects:
                        P8812: [nope]
                        P8812: [research]
                        P9931: notalist
                """);

        assertThat(LoadErrors.of(() -> SubjectRegisterFile.load(file, ledger))).containsExactly(
                file + ":3: dataSystems.clinic.useStopped[1]: this subject is listed twice",
                file + ":5: dataSystems.clinic.consents.everySubject[0]: purpose 'marketing' is not registered for "
                        + "data system 'clinic'",
                file + ":7: dataSystems.clinic.consents.subjects: purpose 'nope' is not registered for data system "
                        + "'clinic'",
                file + ":8: dataSystems.clinic.consents.subjects: duplicate key (first given at line 7)",
                file + ":9: dataSystems.clinic.consents.subjects: must be a list of text")
                .noneMatch(error -> error.contains("P7345") || error.contains("P8812") || error.contains("P9931"));
    }
}
