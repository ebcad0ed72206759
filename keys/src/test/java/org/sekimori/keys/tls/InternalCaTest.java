package org.sekimori.keys.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The internal CA, checked by openssl as a client of the gateway would check it. */
class InternalCaTest {

    private static final char[] PASSWORD = "store-password-for-tests".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theRootIsMadeOnceKeptOwnerOnlyAndPublishedAsPem() throws Exception {
        Path file = dir.resolve("keys/ca.p12");
        InternalCa first = InternalCa.loadOrCreate(file, PASSWORD, Duration.ofDays(3650), Clock.systemUTC());
        InternalCa again = InternalCa.loadOrCreate(file, PASSWORD, Duration.ofDays(3650), Clock.systemUTC());

        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("keys/ca.pem"))).isEqualTo(InternalCa.pem(first.certificate()));
        assertThat(first.certificate().getBasicConstraints()).as("a CA with path length 0").isZero();
        assertThat(openssl("x509", "-in", dir.resolve("keys/ca.pem").toString(), "-noout", "-text"))
                .as("it issues leaves only, never a CA under it").containsPattern(
                        "X509v3 Basic Constraints: critical\\s+CA:TRUE, pathlen:0")
                .as("no name constraints: see docs/THREAT_MODEL.md").doesNotContain("Name Constraints");
    }

    @Test
    void aServerCertificateVerifiesAgainstTheRootForItsNamesOnly() throws Exception {
        InternalCa ca = InternalCa.loadOrCreate(dir.resolve("ca.p12"), PASSWORD, Duration.ofDays(3650),
                Clock.systemUTC());
        IssuedCertificate server = ca.issueServer("gateway", List.of("localhost", "gateway.example.jp"),
                List.of("127.0.0.1"), Duration.ofDays(30));
        Path leaf = write("server.pem", server.certificate());

        assertThat(openssl("verify", "-CAfile", dir.resolve("ca.pem").toString(), "-purpose", "sslserver",
                leaf.toString())).contains(": OK");
        assertThat(openssl("verify", "-CAfile", dir.resolve("ca.pem").toString(), "-purpose", "sslclient",
                leaf.toString())).doesNotContain(": OK");
        assertThat(openssl("x509", "-in", leaf.toString(), "-noout", "-ext", "subjectAltName"))
                .contains("DNS:localhost", "DNS:gateway.example.jp", "IP Address:127.0.0.1");
        assertThat(server.notAfter()).isBetween(Instant.now().plus(Duration.ofDays(29)),
                Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void aClientCertificateIsForClientsAndAnotherCasLeafDoesNotVerify() throws Exception {
        InternalCa ca = InternalCa.loadOrCreate(dir.resolve("ca.p12"), PASSWORD, Duration.ofDays(3650),
                Clock.systemUTC());
        InternalCa other = InternalCa.loadOrCreate(dir.resolve("other/ca.p12"), PASSWORD, Duration.ofDays(3650),
                Clock.systemUTC());
        Path client = write("client.pem", ca.issueClient("gateway to followup", Duration.ofDays(30)).certificate());
        Path stranger = write("stranger.pem", other.issueServer("gateway", List.of("localhost"), List.of(),
                Duration.ofDays(30)).certificate());

        assertThat(openssl("verify", "-CAfile", dir.resolve("ca.pem").toString(), "-purpose", "sslclient",
                client.toString())).contains(": OK");
        assertThat(openssl("verify", "-CAfile", dir.resolve("ca.pem").toString(), stranger.toString()))
                .doesNotContain(": OK");
    }

    @Test
    void theKeyAndChainSurviveTheirFileAndRenewalFallsDueBeforeTheEnd() throws Exception {
        InternalCa ca = InternalCa.loadOrCreate(dir.resolve("ca.p12"), PASSWORD, Duration.ofDays(3650),
                Clock.systemUTC());
        IssuedCertificate server = ca.issueServer("gateway", List.of("localhost"), List.of(), Duration.ofDays(30));
        server.save(dir.resolve("server.p12"), "server", PASSWORD);

        IssuedCertificate loaded = IssuedCertificate.load(dir.resolve("server.p12"), "server", PASSWORD).orElseThrow();

        assertThat(loaded.chain()).containsExactlyElementsOf(server.chain());
        assertThat(loaded.renewalDue(Instant.now(), Duration.ofDays(10))).isFalse();
        InternalCa shortLived = InternalCa.loadOrCreate(dir.resolve("short/ca.p12"), PASSWORD, Duration.ofDays(5),
                Clock.systemUTC());
        assertThat(shortLived.issueClient("gateway", Duration.ofDays(30)).notAfter())
                .as("no leaf outlives its root").isEqualTo(shortLived.certificate().getNotAfter().toInstant());
        assertThat(loaded.renewalDue(Instant.now().plus(Duration.ofDays(21)), Duration.ofDays(10))).isTrue();
        assertThat(IssuedCertificate.load(dir.resolve("none.p12"), "server", PASSWORD)).isEmpty();
    }

    @Test
    void aRootReplacedByTheOperatorIsPublishedAndOnlyAddressLiteralsGoInCertificates() throws Exception {
        Path file = dir.resolve("ca.p12");
        InternalCa.loadOrCreate(file, PASSWORD, Duration.ofDays(3650), Clock.systemUTC());
        InternalCa operators = InternalCa.loadOrCreate(dir.resolve("operator/ca.p12"), PASSWORD, Duration.ofDays(3650),
                Clock.systemUTC());
        Files.copy(dir.resolve("operator/ca.p12"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        InternalCa loaded = InternalCa.loadOrCreate(file, PASSWORD, Duration.ofDays(3650), Clock.systemUTC());

        assertThat(loaded.certificate()).isEqualTo(operators.certificate());
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(InternalCa.pem(operators.certificate()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loaded.issueServer("gateway", List.of(),
                List.of("cafe"), Duration.ofDays(1))).hasMessageContaining("not an IP address literal");
        assertThat(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", write("v6.pem", loaded.issueServer(
                "gateway", List.of(), List.of("::1", "10.0.0.7"), Duration.ofDays(1)).certificate()).toString()))
                .contains("IP Address:0:0:0:0:0:0:0:1", "IP Address:10.0.0.7");
    }

    @Test
    void thePasswordComesFromTheEnvironmentElseFromAnOwnerOnlyFileMadeOnce() throws Exception {
        Path file = dir.resolve("keystore.password");

        assertThat(KeyStorePassword.resolve("from-the-environment", file)).containsExactly(
                "from-the-environment".toCharArray());
        assertThat(file).doesNotExist();
        char[] made = KeyStorePassword.resolve(null, file);
        assertThat(made.length).isGreaterThanOrEqualTo(40);
        assertThat(KeyStorePassword.resolve("", file)).containsExactly(made);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    private Path write(String name, X509Certificate certificate) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, InternalCa.pem(certificate), StandardCharsets.US_ASCII);
        return file;
    }

    private static String openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
