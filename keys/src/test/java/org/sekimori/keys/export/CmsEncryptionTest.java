package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.PasswordRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CMS exports, decrypted by OpenSSL 3.0 as their receivers would, and by Bouncy Castle. */
class CmsEncryptionTest {

    static final byte[] CONTENT = OpenPgpEncryptionTest.CONTENT;

    @TempDir
    static Path dir;
    static Openssl openssl;
    static Path rsa;
    static Path ec;

    char[] password = ExportPassword.generate(new SecureRandom());

    @BeforeAll
    static void recipientsMakeTheirCertificates() {
        openssl = new Openssl(dir);
        rsa = openssl.certificate("rsa", "rsa:3072");
        ec = openssl.certificate("ec", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    }

    @Test
    void aPasswordFileDecryptsWithOpensslAndBouncyCastle() throws Exception {
        byte[] file = CmsEncryption.withPassword(password).encrypt(CONTENT, "export.csv");

        assertThat(openssl.decrypt(file, "-pwri_password", new String(password))).hasValue(CONTENT);
        assertThat(Decryptions.cms(file, password)).isEqualTo(CONTENT);
    }

    @Test
    void aPasswordFileIsAes256GcmWithAKeyFromPbkdf2OfSha256AndAFreshSalt() throws Exception {
        CmsEncryption encryption = CmsEncryption.withPassword(password);
        byte[] file = encryption.encrypt(CONTENT, "export.csv");

        PasswordRecipientInfo info = (PasswordRecipientInfo) recipientInfo(file).getInfo();
        assertThat(info.getKeyDerivationAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
        PBKDF2Params derivation = PBKDF2Params.getInstance(info.getKeyDerivationAlgorithm().getParameters());
        assertThat(derivation.getIterationCount()).hasToString("600000");
        assertThat(derivation.getSalt()).hasSize(16);
        assertThat(derivation.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
        assertThat(info.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_alg_PWRI_KEK);
        assertThat(AlgorithmIdentifier.getInstance(info.getKeyEncryptionAlgorithm().getParameters()).getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
        assertAes256Gcm(file);
        PasswordRecipientInfo again = (PasswordRecipientInfo) recipientInfo(encryption.encrypt(CONTENT, "x")).getInfo();
        assertThat(PBKDF2Params.getInstance(again.getKeyDerivationAlgorithm().getParameters()).getSalt())
                .isNotEqualTo(derivation.getSalt());
    }

    @Test
    void aWrongPasswordDecryptsNothingAndAJapanesePasswordWorksAsUtf8() throws Exception {
        byte[] file = CmsEncryption.withPassword(password).encrypt(CONTENT, "export.csv");
        char[] wrong = ExportPassword.generate(new SecureRandom());
        String japanese = "輸出用のパスワードは十六文字以上です";

        assertThat(openssl.decrypt(file, "-pwri_password", new String(wrong))).isEmpty();
        assertThatThrownBy(() -> Decryptions.cms(file, wrong)).isNotNull();
        assertThat(openssl.decrypt(CmsEncryption.withPassword(japanese.toCharArray()).encrypt(CONTENT, "x"),
                "-pwri_password", japanese)).hasValue(CONTENT);
    }

    @Test
    void aFileForAnRsaCertificateUsesOaepAndDecryptsWithTheRecipientsKey() throws Exception {
        byte[] file = recipient(rsa).encryption().encrypt(CONTENT, "export.csv");

        KeyTransRecipientInfo info = (KeyTransRecipientInfo) recipientInfo(file).getInfo();
        assertThat(info.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
        RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(info.getKeyEncryptionAlgorithm().getParameters());
        assertThat(oaep.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(AlgorithmIdentifier.getInstance(oaep.getMaskGenAlgorithm().getParameters()).getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertAes256Gcm(file);
        assertRecipientDecrypts(file, "rsa", "RSA");
    }

    @Test
    void aFileForAnEcCertificateAgreesAFreshKeyOnTheNamedCurveAndDecryptsWithTheRecipientsKey() throws Exception {
        ExportEncryption encryption = recipient(ec).encryption();
        byte[] file = encryption.encrypt(CONTENT, "export.csv");

        KeyAgreeRecipientInfo info = (KeyAgreeRecipientInfo) recipientInfo(file).getInfo();
        assertThat(info.getKeyEncryptionAlgorithm().getAlgorithm())
                .isEqualTo(SECObjectIdentifiers.dhSinglePass_stdDH_sha256kdf_scheme);
        assertThat(AlgorithmIdentifier.getInstance(info.getKeyEncryptionAlgorithm().getParameters()).getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_aes256_wrap);
        AlgorithmIdentifier ephemeral = info.getOriginator().getOriginatorKey().getAlgorithm();
        assertThat(ephemeral.getParameters()).isEqualTo(new ASN1ObjectIdentifier("1.2.840.10045.3.1.7"));
        KeyAgreeRecipientInfo next = (KeyAgreeRecipientInfo) recipientInfo(encryption.encrypt(CONTENT, "x")).getInfo();
        assertThat(next.getOriginator().getOriginatorKey().getPublicKey())
                .isNotEqualTo(info.getOriginator().getOriginatorKey().getPublicKey());
        assertAes256Gcm(file);
        assertRecipientDecrypts(file, "ec", "EC");
    }

    @Test
    void everyFlippedBitOfAPasswordFileFailsToDecryptOrLeavesTheContentAsItWas() throws Exception {
        byte[] file = CmsEncryption.withPassword(password).encrypt(CONTENT, "export.csv");
        Der info = recipientInfoElement(file);

        BitFlips.assertAlterationsFail(file, CONTENT, altered -> Optional.of(Decryptions.cms(altered, password)),
                altered -> openssl.decrypt(altered, "-pwri_password", new String(password)), unauthenticated(file,
                        info.at(0).field("password recipient info version"),
                        info.at(1, 0).field("the PBKDF2 identifier, which Bouncy Castle does not check"),
                        info.at(1, 1, 2, 1).field("the NULL parameters of HMAC-SHA256, which OpenSSL does not check"),
                        info.at(2, 0).field("the PWRI-KEK identifier, which Bouncy Castle does not check")));
    }

    @Test
    void everyFlippedBitOfAFileForAnRsaCertificateFailsToDecryptOrLeavesTheContentAsItWas() throws Exception {
        assertAlterationsFail("rsa", "RSA", info -> List.of(
                info.at(0).field("key transport recipient info version"),
                info.at(1, 0).field("the certificate issuer's name, which both compare ignoring case"),
                info.at(2, 1, 0, 0, 1).field("the NULL parameters of OAEP's SHA-256, which neither checks"),
                info.at(2, 1, 1, 0, 1, 1).field("the NULL parameters of MGF1's SHA-256, which neither checks")));
    }

    @Test
    void everyFlippedBitOfAFileForAnEcCertificateFailsToDecryptOrLeavesTheContentAsItWas() throws Exception {
        assertAlterationsFail("ec", "EC", info -> List.of(
                info.at(0).field("key agreement recipient info version"),
                info.at(1, 0, 0).field("the ephemeral key's algorithm and curve, which Bouncy Castle takes from the "
                        + "recipient's key"),
                new BitFlips.Field("the ephemeral point's unused-bits octet, which Bouncy Castle ignores, and its "
                        + "format octet (04 uncompressed; 06 and 07 hybrid, the same point if y's parity matches)",
                        info.at(1, 0, 1).content(), info.at(1, 0, 1).content() + 2),
                info.at(3, 0, 0, 0).field("the certificate issuer's name, which both compare ignoring case")));
    }

    @Test
    void thePasswordAppearsInNoTextAndAShortOneIsRefused() {
        ExportEncryption encryption = CmsEncryption.withPassword(password);

        assertThat(encryption.toString()).isEqualTo("CmsEncryption[cms-password]").doesNotContain(new String(password));
        assertThat(encryption.method().id()).isEqualTo("cms-password");
        assertThat(encryption.method().mediaType()).isEqualTo("application/pkcs7-mime; smime-type=authEnveloped-data");
        assertThat(encryption.method().fileExtension()).isEqualTo(".p7m");
        assertThatThrownBy(() -> CmsEncryption.withPassword("short-secret".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short-secret");
    }

    /** The recipient {@code name} decrypts the file with OpenSSL and with Bouncy Castle, using their key. */
    private static void assertRecipientDecrypts(byte[] file, String name, String algorithm) throws Exception {
        Path certificate = dir.resolve(name + ".pem");
        assertThat(openssl.decrypt(file, "-recip", certificate.toString(), "-inkey", openssl.key(name).toString()))
                .hasValue(CONTENT);
        assertThat(Decryptions.cms(file, openssl.privateKey(name, algorithm), Openssl.read(certificate)))
                .isEqualTo(CONTENT);
    }

    /** A file for the recipient {@code name}'s certificate, altered for Bouncy Castle and OpenSSL with its key. */
    private static void assertAlterationsFail(String name, String algorithm,
            Function<Der, List<BitFlips.Field>> unauthenticatedInRecipientInfo) throws Exception {
        Path certificate = dir.resolve(name + ".pem");
        byte[] file = recipient(certificate).encryption().encrypt(CONTENT, "export.csv");
        PrivateKey key = openssl.privateKey(name, algorithm);
        X509Certificate read = Openssl.read(certificate);

        BitFlips.assertAlterationsFail(file, CONTENT, altered -> Optional.of(Decryptions.cms(altered, key, read)),
                altered -> openssl.decrypt(altered, "-recip", certificate.toString(), "-inkey",
                        openssl.key(name).toString()), unauthenticated(file, unauthenticatedInRecipientInfo
                        .apply(recipientInfoElement(file)).toArray(BitFlips.Field[]::new)));
    }

    /**
     * The fields every file has outside what GCM authenticates, and that a receiver ignores, with
     * those of its recipient info. A changed bit in them leaves the content as it was.
     */
    private static List<BitFlips.Field> unauthenticated(byte[] file, BitFlips.Field... inRecipientInfo) {
        Der data = Der.parse(file).at(1, 0);
        Der content = data.at(2);
        List<BitFlips.Field> fields = new ArrayList<>(List.of(
                data.at(0).field("AuthEnvelopedData version, which OpenSSL does not check"),
                content.at(0).field("the inner content type (id-data), which OpenSSL does not check"),
                content.at(1, 1, 1).field("the GCM tag length, which OpenSSL takes from the tag itself"),
                new BitFlips.Field("the tag number of the encrypted content, which Bouncy Castle does not check",
                        content.at(2).start(), content.at(2).start() + 1)));
        fields.addAll(List.of(inRecipientInfo));
        return fields;
    }

    private static Der recipientInfoElement(byte[] file) {
        return Der.parse(file).at(1, 0, 1, 0);
    }

    private static RecipientInfo recipientInfo(byte[] file) {
        ContentInfo info = ContentInfo.getInstance(file);
        assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(info.getContent());
        assertThat(data.getRecipientInfos().size()).isOne();
        return RecipientInfo.getInstance(data.getRecipientInfos().getObjectAt(0));
    }

    private static void assertAes256Gcm(byte[] file) {
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(ContentInfo.getInstance(file).getContent());
        EncryptedContentInfo content = data.getAuthEncryptedContentInfo();
        assertThat(content.getContentType()).isEqualTo(CMSObjectIdentifiers.data);
        assertThat(content.getContentEncryptionAlgorithm().getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_aes256_GCM);
        GCMParameters gcm = GCMParameters.getInstance(content.getContentEncryptionAlgorithm().getParameters());
        assertThat(gcm.getNonce()).hasSize(12);
        assertThat(gcm.getIcvLen()).isEqualTo(16);
        assertThat(data.getMac().getOctets()).hasSize(16);
        assertThat(data.getAuthAttrs()).isNull();
    }

    private static ExportRecipient recipient(Path certificate) throws Exception {
        return ExportRecipient.read(certificate, Clock.systemUTC());
    }
}
