package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sekimori.gateway.support.Commands.run;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.Commands.Result;
import org.sekimori.gateway.support.RecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTPS as clients meet it, with curl and openssl: the internal CA's certificate, TLS 1.3 and 1.2
 * only, HSTS, and the server certificate renewed every few seconds here while a client keeps
 * connecting, without one failed request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0", "sekimori.tls.plain-http=false", "sekimori.tls.certificate-lifetime=12s",
        "sekimori.tls.renew-before=9s", "sekimori.tls.check-interval=1s", "sekimori.tls.expiry-warning=0s"})
class TlsEndToEndTest {

    @TempDir
    static Path dataDir;

    static RecordingUpstreams upstreams;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        upstreams = RecordingUpstreams.start(properties, dataDir);
    }

    @AfterAll
    static void stop() {
        upstreams.close();
    }

    @Test
    void clientsTrustingTheInternalCaGetTls13Or12WithHstsAndNothingOlderOrPlain() throws Exception {
        Result page = run("curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert", ca(), url("/login"));
        Result untrusted = run("curl", "-s", "-o", "/dev/null", url("/login"));
        Result tls11 = run("curl", "-s", "-o", "/dev/null", "--cacert", ca(), "--tlsv1.1", "--tls-max", "1.1",
                url("/login"));
        Result plain = run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "http://localhost:" + port + "/login");
        Result tls13 = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-tls1_3", "-CAfile", ca());
        Result tls12 = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-tls1_2", "-CAfile", ca());

        assertThat(page.exit()).isZero();
        assertThat(page.output()).startsWith("HTTP/1.1 200").containsIgnoringCase("strict-transport-security: max-age=");
        assertThat(untrusted.exit()).as("curl refuses a certificate it was not told to trust").isEqualTo(60);
        assertThat(tls11.exit()).isNotZero();
        assertThat(plain.output()).doesNotStartWith("200");
        assertThat(tls13.output()).contains("TLSv1.3", "Verify return code: 0 (ok)");
        assertThat(tls12.output()).contains("TLSv1.2", "Verify return code: 0 (ok)");
        assertThat(tls12.output()).containsPattern("Cipher is ECDHE-ECDSA-(AES256-GCM|AES128-GCM|CHACHA20)");
    }

    @Test
    void theCertificateIsRenewedWhileClientsConnectAndNoneFails() throws Exception {
        Set<String> served = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + 8_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        Result answer = run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca(),
                                url("/login"));
                        requests.incrementAndGet();
                        if (answer.exit() != 0 || !answer.output().equals("200")) {
                            failures.incrementAndGet();
                        }
                        served.add(servedSerial());
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }

        assertThat(requests.get()).isGreaterThan(20);
        assertThat(failures.get()).isZero();
        assertThat(served).as("certificates served over the 8 seconds").hasSizeGreaterThanOrEqualTo(2);
        assertThat(AuditJournal.records(dataDir)).anySatisfy(record -> {
            assertThat(record.path("event").asString()).isEqualTo("certificate");
            assertThat(record.path("change").asString()).isEqualTo("renewed");
        });
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("sekimori_tls_certificate_days_left{certificate=\"gateway-server\"}")
                .contains("sekimori_tls_certificate_days_left{certificate=\"internal-ca\"}");
    }

    private String url(String path) {
        return "https://localhost:" + port + path;
    }

    private static String ca() {
        return dataDir.resolve("keys/ca.pem").toString();
    }

    /** The serial number of the certificate the gateway presents to a new connection now. */
    private String servedSerial() throws Exception {
        CertificateFactory certificates = CertificateFactory.getInstance("X.509");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificates.generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(Path.of(ca())))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }
}
