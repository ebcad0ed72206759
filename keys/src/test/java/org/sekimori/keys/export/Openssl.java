package org.sekimori.keys.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** OpenSSL as a recipient would use it: certificates and keys made in a directory, files decrypted there. */
final class Openssl {

    private final Path directory;

    Openssl(Path directory) {
        this.directory = directory;
    }

    /** A self-signed certificate ({@code name.pem}) and its key ({@code name.key}) from {@code openssl req}. */
    Path certificate(String name, String keyAlgorithm, String... options) {
        List<String> arguments = new ArrayList<>(List.of("req", "-x509", "-newkey", keyAlgorithm, "-nodes",
                "-keyout", directory.resolve(name + ".key").toString(), "-out", directory.resolve(name + ".pem")
                        .toString(), "-subj", "/O=Recipient/CN=" + name));
        arguments.addAll(List.of(options));
        run(arguments).requireSuccess();
        return directory.resolve(name + ".pem");
    }

    Path key(String name) {
        return directory.resolve(name + ".key");
    }

    /** The unencrypted PKCS#8 key {@code openssl req -nodes} wrote for {@code name}. */
    PrivateKey privateKey(String name, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(key(name)).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(pem)));
    }

    static X509Certificate read(Path certificate) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint} shows it. */
    String fingerprint(Path certificate) {
        return run(List.of("x509", "-in", certificate.toString(), "-noout", "-fingerprint", "-sha256"))
                .requireSuccess().text().strip().replace("sha256 Fingerprint=", "");
    }

    /** {@code openssl cms -decrypt} of a DER file, with the given way to the key. */
    Optional<byte[]> decrypt(byte[] file, String... keyOptions) throws IOException {
        Path encrypted = Files.write(directory.resolve("file.p7m"), file);
        List<String> arguments = new ArrayList<>(List.of("cms", "-decrypt", "-inform", "DER", "-in",
                encrypted.toString()));
        arguments.addAll(List.of(keyOptions));
        Command command = run(arguments);
        return command.exit() == 0 ? Optional.of(command.output()) : Optional.empty();
    }

    Command run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        return Command.run(new byte[0], command);
    }
}
