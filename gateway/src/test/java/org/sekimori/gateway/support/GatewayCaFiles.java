package org.sekimori.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.sekimori.gateway.tls.IssueCertificateCommand;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Certificates from a test gateway's internal CA in its keys directory, made as an operator makes
 * them (the {@code issue-certificate} command) before the gateway or a data system starts.
 */
public final class GatewayCaFiles {

    private GatewayCaFiles() {
    }

    /** Runs {@code issue-certificate <args> --keys <keys>}, failing the test if the command refuses. */
    public static void issue(Path keys, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--keys", keys.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = IssueCertificateCommand.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        if (status != 0) {
            throw new IllegalStateException("issue-certificate " + command + " exited " + status + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
    }

    /** A TLS context presenting the client certificate {@code name} and trusting only the CA. */
    public static SSLContext clientContext(Path keys, String name) {
        PemSslStoreDetails certificate = PemSslStoreDetails.forCertificates(keys.resolve(name + "-client.pem")
                .toUri().toString()).withPrivateKey(keys.resolve(name + "-client-key.pem").toUri().toString());
        PemSslStoreDetails ca = PemSslStoreDetails.forCertificates(keys.resolve("ca.pem").toUri().toString());
        return SslBundle.of(new PemSslStoreBundle(certificate, ca)).createSslContext();
    }
}
