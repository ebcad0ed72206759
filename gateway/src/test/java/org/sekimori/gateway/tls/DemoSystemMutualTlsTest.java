package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sekimori.gateway.support.Commands.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.Commands.Result;
import org.sekimori.gateway.support.DemoSystemProcess;
import org.sekimori.gateway.support.GatewayCaFiles;

/**
 * A demo data system as the demo runs it: its server certificate from the gateway's CA by the
 * {@code issue-certificate} command, no answer at all for a client without a certificate from
 * that CA, and 403 for one from that CA with a name it does not expect, checked with curl as a
 * person trying to go around the gateway would.
 */
class DemoSystemMutualTlsTest {

    @TempDir
    static Path dataDir;

    static DemoSystemProcess followup;

    @BeforeAll
    static void start() throws Exception {
        followup = DemoSystemProcess.start("followup", 5, dataDir.resolve("followup"));
    }

    @AfterAll
    static void stop() {
        followup.close();
    }

    @Test
    void onlyClientsWithACertificateFromTheGatewaysCaAreAnswered() throws Exception {
        GatewayCaFiles.issue(keys(), "--server", "lookalike", "--dns", "localhost");
        GatewayCaFiles.issue(keys(), "--client", "stranger");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=outsider", "-addext", "extendedKeyUsage=clientAuth", "-keyout", file("outsider-key.pem"),
                "-out", file("outsider.pem"));

        Result operator = curl("--cert", file("test-operator-client.pem"), "--key", file("test-operator-client-key.pem"));
        Result none = curl();
        Result outsider = curl("--cert", file("outsider.pem"), "--key", file("outsider-key.pem"));
        Result serverCertificate = curl("--cert", file("lookalike-server.pem"), "--key", file("lookalike-server-key.pem"));
        Result stranger = curl("--cert", file("stranger-client.pem"), "--key", file("stranger-client-key.pem"));
        Result tls12 = curl("--tls-max", "1.2", "--cert", file("test-operator-client.pem"), "--key",
                file("test-operator-client-key.pem"));

        assertThat(operator.exit()).isZero();
        assertThat(operator.output()).contains("\"status\":\"UP\"");
        assertThat(none.exit()).as("no client certificate").isNotZero();
        assertThat(outsider.exit()).as("a certificate from another CA").isNotZero();
        assertThat(serverCertificate.exit()).as("a certificate of the right CA made for a server, not a client")
                .isNotZero();
        assertThat(tls12.exit()).as("TLS 1.2").isNotZero();
        assertThat(stranger.output()).as("a client certificate of the CA for a name not expected")
                .contains("\"status\":403", "'stranger'").doesNotContain("UP");
        assertThat(List.of(none, outsider, serverCertificate)).allSatisfy(refused ->
                assertThat(refused.output()).doesNotContain("UP"));
    }

    @Test
    void aReissuedCertificateIsServedWithoutARestart() throws Exception {
        String before = servedSerial();

        GatewayCaFiles.issue(keys(), "--server", "followup", "--dns", "localhost", "--force");

        String after = before;
        for (int i = 0; i < 100 && after.equals(before); i++) {
            Thread.sleep(300);
            after = servedSerial();
        }
        assertThat(after).isNotEqualTo(before);
        assertThat(followup.json("/health").path("status").asString()).isEqualTo("UP");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys().resolve("followup-server-key.pem"))))
                .isEqualTo("rw-------");
    }

    private static Result curl(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--cacert", file("ca.pem")));
        command.addAll(List.of(options));
        command.add(followup.uri().resolve("/health").toString());
        return run(command.toArray(new String[0]));
    }

    /** The serial number of the certificate the data system presents to a new connection now. */
    private static String servedSerial() throws Exception {
        try (SSLSocket socket = (SSLSocket) GatewayCaFiles.clientContext(keys(), "test-operator").getSocketFactory()
                .createSocket("localhost", followup.uri().getPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    private static Path keys() {
        return dataDir.resolve("keys");
    }

    private static String file(String name) {
        return keys().resolve(name).toString();
    }
}
