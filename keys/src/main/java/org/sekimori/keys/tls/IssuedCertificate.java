package org.sekimori.keys.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sekimori.keys.OwnerOnlyFiles;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore(alias, password).store(out, password);
        OwnerOnlyFiles.replace(file, out.toByteArray());
    }

    /**
     * Writes the chain (leaf first) and the unencrypted PKCS#8 key as PEM files, the form most
     * servers read: the key file owner-only, as every key file here. The key goes first, so a server
     * reloading on a change of the chain file never pairs a new certificate with the old key.
     */
    public void savePem(Path chainFile, Path keyFile) throws GeneralSecurityException, IOException {
        OwnerOnlyFiles.replace(keyFile, Pem.of("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII));
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append(Pem.of("CERTIFICATE", certificate.getEncoded()));
        }
        OwnerOnlyFiles.replace(chainFile, pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The leaf certificate of a PEM chain file that {@link #savePem} wrote, if the file exists. */
    public static Optional<X509Certificate> leafOfPem(Path chainFile) throws GeneralSecurityException, IOException {
        if (!Files.exists(chainFile)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(chainFile)) {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    /**
     * The private key of a PEM key file that {@link #savePem} wrote, if the file exists; an
     * exception when it holds no EC key in PKCS#8 (the only kind the internal CA issues).
     */
    public static Optional<PrivateKey> keyOfPem(Path keyFile) throws GeneralSecurityException, IOException {
        if (!Files.exists(keyFile)) {
            return Optional.empty();
        }
        byte[] der = Pem.decode("PRIVATE KEY", Files.readString(keyFile, StandardCharsets.US_ASCII));
        return Optional.of(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key, shown by signing
     * a random challenge and verifying it (EC keys only, as the internal CA issues).
     */
    public static boolean pairs(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        if (!"EC".equals(key.getAlgorithm()) || !"EC".equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(challenge);
        byte[] signed = signature.sign();
        signature.initVerify(certificate.getPublicKey());
        signature.update(challenge);
        return signature.verify(signed);
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
