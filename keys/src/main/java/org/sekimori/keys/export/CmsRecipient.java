package org.sekimori.keys.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;

/**
 * A recipient's X.509 certificate with an RSA key (2048 bits or more) or an EC key. It must be
 * within its validity period and, if it has a key usage extension, allow key encipherment (RSA) or
 * key agreement (EC). The certificate itself is what is registered: no chain is checked.
 */
public final class CmsRecipient extends ExportRecipient {

    private static final int MINIMUM_RSA_BITS = 2048;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
            DERNull.INSTANCE);
    /** RSAES-OAEP with SHA-256 and MGF1 with SHA-256, the empty label. */
    private static final AlgorithmIdentifier OAEP = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
            new RSAESOAEPparams(SHA256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256),
                    RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

    private final X509Certificate certificate;

    private CmsRecipient(X509Certificate certificate, String source, Clock clock) {
        super(source, clock);
        this.certificate = certificate;
    }

    /** The one certificate in {@code bytes} (PEM or DER), read from {@code source}, if it can be encrypted for now. */
    static CmsRecipient parse(byte[] bytes, String source, Clock clock) throws IOException {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IOException(source + " holds no readable X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.size() != 1) {
            throw new IOException(source + " holds " + certificates.size()
                    + " certificates; register the recipient's own certificate only, without its chain");
        }
        CmsRecipient recipient = new CmsRecipient((X509Certificate) certificates.iterator().next(), source, clock);
        Optional<String> unsuitable = recipient.unsuitableKey().or(() -> recipient.outsideValidity());
        if (unsuitable.isPresent()) {
            throw new IOException(source + ": the certificate " + recipient.fingerprint() + " " + unsuitable.get());
        }
        return recipient;
    }

    /** The SHA-256 fingerprint of the certificate, as {@code AB:CD:...}. */
    @Override
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a parsed certificate has an encoding and SHA-256 is in every JDK", e);
        }
    }

    @Override
    public ExportEncryption encryption() {
        return CmsEncryption.forRecipient(this);
    }

    /** The recipient info's maker for this certificate; refuses if it has expired since it was read. */
    RecipientInfoGenerator recipientInfo(SecureRandom random) {
        outsideValidity().ifPresent(problem -> {
            throw new IllegalStateException("the certificate " + fingerprint() + " from " + source + " " + problem);
        });
        try {
            if (certificate.getPublicKey() instanceof ECPublicKey) {
                // Ephemeral-static: a new key pair on the recipient's curve for every file, which
                // names the curve rather than spelling out its parameters.
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CmsEncryption.BOUNCY_CASTLE);
                generator.initialize(new ECGenParameterSpec(namedCurve()), random);
                KeyPair ephemeral = generator.generateKeyPair();
                return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                        ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(certificate)
                        .setProvider(CmsEncryption.BOUNCY_CASTLE).setSecureRandom(random);
            }
            return new JceKeyTransRecipientInfoGenerator(certificate, OAEP).setProvider(CmsEncryption.BOUNCY_CASTLE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of the certificate " + fingerprint() + " was accepted when read "
                    + "but cannot be encrypted for", e);
        }
    }

    private Optional<String> unsuitableKey() {
        PublicKey key = certificate.getPublicKey();
        boolean[] usage = certificate.getKeyUsage();
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MINIMUM_RSA_BITS) {
                return Optional.of("has a " + rsa.getModulus().bitLength() + "-bit RSA key; at least "
                        + MINIMUM_RSA_BITS + " bits are needed");
            }
            return usage == null || usage[KEY_ENCIPHERMENT] ? Optional.empty()
                    : Optional.of("has an RSA key whose key usage does not allow key encipherment");
        }
        if (key instanceof ECPublicKey) {
            return usage == null || usage[KEY_AGREEMENT] ? Optional.empty()
                    : Optional.of("has an EC key whose key usage does not allow key agreement");
        }
        return Optional.of("has a key of type " + key.getAlgorithm()
                + "; exports are encrypted for RSA or EC keys only");
    }

    /** The EC key's curve by the name its certificate gives (the JDK reads no certificate with explicit parameters). */
    private String namedCurve() {
        return ASN1ObjectIdentifier.getInstance(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey()
                .getEncoded()).getAlgorithm().getParameters()).getId();
    }

    private Optional<String> outsideValidity() {
        Instant now = clock.instant();
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("is not valid before " + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("expired at " + certificate.getNotAfter().toInstant()
                    + "; ask the recipient for their current certificate");
        }
        return Optional.empty();
    }
}
