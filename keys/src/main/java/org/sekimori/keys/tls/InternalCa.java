package org.sekimori.keys.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The gateway's own certificate authority: a root made on first start (or the one the operator
 * put in its place), kept in a PKCS#12 file, that issues short-lived leaf certificates for the
 * gateway's server, its client certificate toward each data system, and the demo data systems.
 * ECDSA P-256 throughout; every leaf is for one use only (server or client authentication).
 */
public final class InternalCa {

    public static final String ALIAS = "sekimori-root";
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Leaves start a little in the past, so a peer whose clock lags a few minutes accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final IssuedCertificate root;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private InternalCa(IssuedCertificate root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** The root in {@code file}, or a new one written there (with its certificate as PEM beside it). */
    public static InternalCa loadOrCreate(Path file, char[] password, Duration lifetime, Clock clock)
            throws GeneralSecurityException, IOException {
        var existing = IssuedCertificate.load(file, ALIAS, password);
        InternalCa ca = new InternalCa(existing.isPresent() ? existing.get() : createRoot(lifetime, clock), clock);
        if (existing.isEmpty()) {
            ca.root.save(file, ALIAS, password);
        }
        // Checked at every load: a root put in place by the operator gets its PEM, a replaced one a new
        // PEM. Rewritten only when it differs: servers that trust it re-read it on every change.
        Path pem = pemBeside(file);
        String text = pem(ca.certificate());
        if (Files.exists(pem) && Files.readString(pem, StandardCharsets.US_ASCII).equals(text)) {
            return ca;
        }
        Path aside = Files.createTempFile(pem.toAbsolutePath().getParent(), ".pem", ".tmp");
        Files.writeString(aside, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-r--r--")); // public: for every client
        Files.move(aside, pem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return ca;
    }

    /** Where the root's certificate is published for clients to trust: {@code ca.p12} → {@code ca.pem}. */
    public static Path pemBeside(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.replaceFirst("\\.p12$", "") + ".pem");
    }

    public X509Certificate certificate() {
        return root.certificate();
    }

    /** A server certificate for the given host names and IP addresses. */
    public IssuedCertificate issueServer(String commonName, List<String> hostnames, List<String> addresses,
            Duration lifetime) throws GeneralSecurityException {
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, serverNames(hostnames, addresses), lifetime);
    }

    /**
     * Whether this root issued {@code certificate}: its issuer is the root's name and its signature
     * verifies with the root's key. A root made anew has the same name, so only the signature tells.
     */
    public boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Whether {@code certificate} names exactly these hosts and addresses, in any order, as
     * {@link #issueServer} would name them (addresses must be literals, as there).
     */
    public static boolean namesExactly(X509Certificate certificate, List<String> hostnames, List<String> addresses)
            throws GeneralSecurityException {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        Set<GeneralName> named = new HashSet<>();
        if (extension != null) {
            try {
                named.addAll(List.of(GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                        .getNames()));
            } catch (IOException e) {
                throw new GeneralSecurityException("the certificate's subject alternative names cannot be read", e);
            }
        }
        return named.equals(new HashSet<>(serverNames(hostnames, addresses)));
    }

    private static List<GeneralName> serverNames(List<String> hostnames, List<String> addresses) {
        List<GeneralName> names = new ArrayList<>();
        hostnames.forEach(host -> names.add(new GeneralName(GeneralName.dNSName, host)));
        addresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, literal(address))));
        return names;
    }

    /** A client certificate, for the gateway toward one data system. */
    public IssuedCertificate issueClient(String commonName, Duration lifetime) throws GeneralSecurityException {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, List.of(), lifetime);
    }

    /** A certificate as PEM text. */
    public static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return Pem.of("CERTIFICATE", certificate.getEncoded());
    }

    private IssuedCertificate issue(String commonName, KeyPurposeId purpose, List<GeneralName> names,
            Duration lifetime) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        Instant now = clock.instant();
        // Never beyond the root: a leaf outliving its issuer would fail validation before its renewal.
        Instant end = now.plus(lifetime).isAfter(certificate().getNotAfter().toInstant())
                ? certificate().getNotAfter().toInstant() : now.plus(lifetime);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(end), name(commonName), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate()));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new IssuedCertificate(pair.getPrivate(), List.of(sign(builder, root), certificate()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("the certificate's extensions could not be encoded", e);
        }
    }

    private static IssuedCertificate createRoot(Duration lifetime, Clock clock) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        Instant now = clock.instant();
        X500Name name = name("Sekimori internal CA");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(lifetime)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            IssuedCertificate unsigned = new IssuedCertificate(pair.getPrivate(), List.of());
            return new IssuedCertificate(pair.getPrivate(), List.of(sign(builder, unsigned)));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("the root's extensions could not be encoded", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, IssuedCertificate issuer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.key())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the CA key", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Sekimori").addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** 127 random bits: positive, unique in practice, and unguessable (RFC 5280 allows up to 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    private static String literal(String address) {
        try {
            // Only literals are accepted: a host name here would be looked up, which this must never do.
            if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException(address + " is not an IP address literal");
            }
            return InetAddress.getByName(address).getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
