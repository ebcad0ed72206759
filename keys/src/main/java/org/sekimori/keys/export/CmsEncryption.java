package org.sekimori.keys.export;

import java.io.IOException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Exports as CMS authenticated-enveloped data (RFC 5083), DER-encoded, that {@code openssl cms
 * -decrypt} (OpenSSL 3.0 and later) opens: the content encrypted with AES-256-GCM (RFC 5084: a
 * 12-byte random nonce, a 16-byte tag) under a fresh content key, which one recipient info gives:
 * <ul>
 * <li>for a password, a password recipient info (RFC 3211): PBKDF2 with HMAC-SHA256, 16 random
 *     salt bytes and {@value #PBKDF2_ITERATIONS} iterations (OWASP's figure for PBKDF2-HMAC-SHA256),
 *     the password taken as UTF-8, and the content key wrapped with AES-256-CBC as RFC 3211 does;</li>
 * <li>for a certificate, a key transport recipient info with RSAES-OAEP (SHA-256, MGF1 with
 *     SHA-256) for an RSA key, or a key agreement recipient info with ephemeral-static ECDH (the
 *     SHA-256 X9.63 KDF, {@code dhSinglePass-stdDH-sha256kdf-scheme}) and AES-256 key wrap for an
 *     EC key.</li>
 * </ul>
 * Plain enveloped data (AES-CBC) is never written: it has no integrity, and a changed byte would
 * decrypt to changed content. A changed byte in the encrypted content, its nonce, the tag, the
 * wrapped key or the key derivation makes decryption fail.
 *
 * <p>What GCM does not cover: RFC 5083 authenticates only the content and the optional
 * authenticated attributes, and OpenSSL 3.0.19 cannot read a file that has any (its template
 * expects them under another tag, openssl/openssl#26101), so none are written. A few fields can
 * therefore change without effect, because the reader ignores or normalises them: the version
 * numbers, the inner content type ({@code id-data}) and the GCM tag length (OpenSSL), the NULL
 * parameters of hash identifiers, the letter case of the recipient's issuer name (both compare
 * names ignoring case), and some algorithm identifiers and point encodings (Bouncy Castle);
 * {@code CmsEncryptionTest} names each. No change yields other content.
 *
 * <p>CMS holds no file name: the caller names the file ({@code <name>.p7m}).
 */
public final class CmsEncryption extends ExportEncryption {

    /** OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256 (2023). */
    private static final int PBKDF2_ITERATIONS = 600_000;
    /** The only provider with the CMS key agreement algorithms; used for all CMS work, never installed globally. */
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final int SALT_BYTES = 16;

    private final Function<SecureRandom, RecipientInfoGenerator> recipientInfo;
    private final SecureRandom random = new SecureRandom();

    private CmsEncryption(EncryptionMethod method, Function<SecureRandom, RecipientInfoGenerator> recipientInfo) {
        super(method);
        this.recipientInfo = recipientInfo;
    }

    /**
     * Encryption for {@code password}. The array is read at each {@link #encrypt}, not copied: the
     * caller wipes it when done.
     */
    public static CmsEncryption withPassword(char[] password) {
        ExportPassword.requireStrong(password);
        return new CmsEncryption(EncryptionMethod.CMS_PASSWORD, random -> {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            return new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES256_CBC, password)
                    .setProvider(BOUNCY_CASTLE)
                    .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                    .setPRF(PasswordRecipient.PRF.HMacSHA256)
                    .setSaltAndIterationCount(salt, PBKDF2_ITERATIONS)
                    .setSecureRandom(random);
        });
    }

    /** Encryption for the recipient's certificate, while it is valid. */
    static CmsEncryption forRecipient(CmsRecipient recipient) {
        return new CmsEncryption(EncryptionMethod.CMS_CERTIFICATE, recipient::recipientInfo);
    }

    /** {@inheritDoc} The file name is not used: CMS has no place for it. */
    @Override
    public byte[] encrypt(byte[] content, String fileName) {
        try {
            OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(BOUNCY_CASTLE).setSecureRandom(random).build();
            if (!(encryptor instanceof OutputAEADEncryptor gcm)) {
                throw new IllegalStateException("Bouncy Castle gave no AEAD encryptor for AES-256-GCM");
            }
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo.apply(random));
            return generator.generate(new CMSProcessableByteArray(content), gcm).toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("CMS encryption in memory failed", e);
        }
    }
}
