package org.sekimori.keys.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A private key and its certificate chain (leaf first), kept in a PKCS#12 file under one alias.
 * The file is replaced whole (written aside, then moved), so a reader never sees half of it.
 */
public record IssuedCertificate(PrivateKey key, List<X509Certificate> chain) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** Whether the certificate ends within {@code before} of {@code now} (or has ended). */
    public boolean renewalDue(Instant now, Duration before) {
        return !notAfter().minus(before).isAfter(now);
    }

    /** This key and chain as a PKCS#12 key store, protected by {@code password}. */
    public KeyStore keyStore(String alias, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
        return store;
    }

    public void save(Path file, String alias, char[] password) throws GeneralSecurityException, IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path aside = Files.createTempFile(parent, ".p12", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(aside)) {
            keyStore(alias, password).store(out, password);
        }
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key and chain stored under {@code alias} in {@code file}, if the file exists. */
    public static Optional<IssuedCertificate> load(Path file, String alias, char[] password)
            throws GeneralSecurityException, IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
            throw new GeneralSecurityException(file + " holds no private key under '" + alias + "'");
        }
        Certificate[] chain = store.getCertificateChain(alias);
        return Optional.of(new IssuedCertificate(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList()));
    }
}
