package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.keys.tls.IssuedCertificate;

/** {@code issue-certificate} run directly on a keys directory of its own: when it keeps, when it issues again. */
class IssueCertificateCommandTest {

    private static final String[] FOLLOWUP = {"--server", "followup", "--dns", "localhost", "--ip", "127.0.0.1"};

    @TempDir
    Path keys;

    @Test
    void aCertificateIsKeptWhenNothingChangedEvenWithItsNamesInAnotherOrder() throws Exception {
        assertThat(command(FOLLOWUP)).startsWith("0 issued ").contains("as there was none");
        String serial = serial("followup-server.pem");

        assertThat(command(FOLLOWUP)).startsWith("0 kept ");
        assertThat(command("--server", "followup", "--ip", "127.0.0.1", "--dns", "localhost")).startsWith("0 kept ");
        assertThat(serial("followup-server.pem")).isEqualTo(serial);
    }

    @Test
    void aCertificateFromAReplacedCaIsIssuedAgainByTheNewOne() throws Exception {
        command(FOLLOWUP);
        command("--client", "operator");
        String before = Files.readString(keys.resolve("ca.pem"));
        Files.delete(keys.resolve("ca.p12"));
        Files.delete(keys.resolve("ca.pem"));

        assertThat(command(FOLLOWUP)).startsWith("0 issued ").contains("issued by another CA");
        assertThat(command("--client", "operator")).startsWith("0 issued ").contains("issued by another CA");

        assertThat(Files.readString(keys.resolve("ca.pem"))).isNotEqualTo(before);
        assertThat(command(FOLLOWUP)).startsWith("0 kept ");
    }

    @Test
    void aCertificateWhoseKeyFileIsMissingOrHoldsAnotherKeyIsIssuedAgain() throws Exception {
        command(FOLLOWUP);
        command("--client", "operator");
        Files.delete(keys.resolve("followup-server-key.pem"));
        Files.copy(keys.resolve("operator-client-key.pem"), keys.resolve("stray-key.pem"));

        assertThat(command(FOLLOWUP)).startsWith("0 issued ").contains("its key file was missing");
        assertThat(IssuedCertificate.pairs(IssuedCertificate.keyOfPem(keys.resolve("followup-server-key.pem"))
                .orElseThrow(), IssuedCertificate.leafOfPem(keys.resolve("followup-server.pem")).orElseThrow())).isTrue();

        Files.copy(keys.resolve("stray-key.pem"), keys.resolve("followup-server-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(command(FOLLOWUP)).startsWith("0 issued ").contains("its key file held another key");

        Files.writeString(keys.resolve("operator-client-key.pem"), "not a key");
        assertThat(command("--client", "operator")).startsWith("0 issued ").contains("its key file could not be read");
    }

    @Test
    void aServerCertificateForOtherNamesThanAskedIsIssuedAgain() throws Exception {
        command(FOLLOWUP);

        assertThat(command("--server", "followup", "--dns", "followup.example.jp", "--ip", "127.0.0.1"))
                .startsWith("0 issued ").contains("named other hosts than --dns and --ip");
        assertThat(command("--server", "followup", "--dns", "followup.example.jp", "--ip", "127.0.0.1"))
                .startsWith("0 kept ");
        assertThat(command("--server", "followup", "--dns", "followup.example.jp"))
                .as("an address dropped").startsWith("0 issued ").contains("named other hosts");
        assertThat(command("--server", "followup", "--dns", "followup.example.jp", "--ip", "not-an-address"))
                .startsWith("2 ").contains("not an IP address literal").doesNotContain("\tat ");
    }

    @Test
    void misuseIsRefusedWithoutAStackTrace() {
        assertThat(command("--server", "followup")).startsWith("2 ").contains("give --dns or --ip");
        assertThat(command("--server", "a", "--client", "b", "--dns", "localhost")).startsWith("2 ")
                .contains("either --server or --client");
        assertThat(command("--client", "../etc/passwd")).startsWith("2 ").contains("a name is");
        assertThat(command("--client", "x", "--days", "0")).startsWith("2 ").contains("--days");
        assertThat(command("--client", "x", "--ip", "127.0.0.1")).startsWith("2 ").contains("go with --server");
        assertThat(command("--server", "x", "--ip", "not-an-address")).startsWith("2 ")
                .doesNotContain("\tat ");
        assertThat(command("--client")).startsWith("2 ").contains("--client needs a value");
    }

    private String serial(String chainFile) throws Exception {
        return IssuedCertificate.leafOfPem(keys.resolve(chainFile)).orElseThrow().getSerialNumber().toString(16);
    }

    private String command(String... args) {
        List<String> command = new ArrayList<>(List.of("--keys", keys.toString()));
        command.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = IssueCertificateCommand.run(command, print, print, Clock.systemUTC());
        return status + " " + out.toString(StandardCharsets.UTF_8);
    }
}
