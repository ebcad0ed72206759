package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesToStartWithoutAChosenSystem(CapturedOutput output) {
        assertThatThrownBy(() -> start())
                .rootCause().isInstanceOf(DemoConfigurationException.class).hasMessage("No demo system was chosen.");
        assertThat(output.getAll())
                .containsSubsequence("APPLICATION FAILED TO START", "No demo system was chosen.",
                        "Start the jar with --sekimori.demo.system=followup (port 8081) or --sekimori.demo.system=registry (port 8082).")
                .doesNotContain("\tat org.");
    }

    @Test
    void refusesToStartWithAnUnknownSystem() {
        assertThatThrownBy(() -> start("--sekimori.demo.system=billing"))
                .rootCause().isInstanceOf(DemoConfigurationException.class)
                .hasMessage("There is no demo system called 'billing'.");
    }

    @Test
    void refusesANegativeSubjectCount() {
        assertThatThrownBy(() -> start("--sekimori.demo.system=followup", "--sekimori.demo.subjects=-1"))
                .rootCause().isInstanceOf(DemoConfigurationException.class).hasMessageContaining("cannot be negative");
    }

    @Test
    void explainsTheFixInOneReport() {
        FailureAnalysis analysis = new DemoConfigurationFailureAnalyzer()
                .analyze(new IllegalStateException(new DemoConfigurationException("No demo system was chosen.",
                        "Start the jar with --sekimori.demo.system=followup.")));
        assertThat(analysis.getDescription()).isEqualTo("No demo system was chosen.");
        assertThat(analysis.getAction()).contains("--sekimori.demo.system=followup");
    }

    private void start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--sekimori.demo.data-dir=" + dataDir;
        System.arraycopy(args, 0, all, 2, args.length);
        new SpringApplicationBuilder(DemoSystemsApplication.class).run(all).close();
    }
}
