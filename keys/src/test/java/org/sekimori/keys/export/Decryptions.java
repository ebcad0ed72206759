package org.sekimori.keys.export;

import java.io.IOException;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.PasswordRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * The gateway's files decrypted with Bouncy Castle, as a careful recipient's program would: one
 * encrypted packet or recipient (found by its identifier), the content type checked, integrity
 * checked, nothing left over. Each method returns the
 * content or throws.
 *
 * <p>Password-derived keys are remembered by password and derivation parameters, so that trying
 * hundreds of altered files does not repeat the deliberately slow derivation for the same
 * parameters. A derived key depends on nothing else, so this changes no outcome.
 */
final class Decryptions {

    private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

    private Decryptions() {
    }

    /** An OpenPGP file for a password. */
    static byte[] openPgp(byte[] file, char[] password) throws IOException, PGPException {
        BcPBEDataDecryptorFactory decryptor = new BcPBEDataDecryptorFactory(password,
                new BcPGPDigestCalculatorProvider()) {
            @Override
            public byte[] makeKeyFromPassPhrase(int algorithm, S2K s2k) throws PGPException {
                String parameters = new String(password) + "/" + algorithm + "/"
                        + HexFormat.of().formatHex(encoded(s2k));
                byte[] key = DERIVED.get(parameters);
                if (key == null) {
                    key = super.makeKeyFromPassPhrase(algorithm, s2k);
                    DERIVED.put(parameters, key);
                }
                return key.clone();
            }
        };
        return openPgp(file, data -> ((PGPPBEEncryptedData) data).getDataStream(decryptor));
    }

    /** An OpenPGP file for one of the keys in {@code secretKeys} (what {@code gpg --export-secret-keys} wrote). */
    static byte[] openPgp(byte[] file, byte[] secretKeys) throws IOException, PGPException {
        return openPgp(file, data -> {
            PGPPublicKeyEncryptedData encrypted = (PGPPublicKeyEncryptedData) data;
            PGPSecretKey key = new OpenPGPKeyReader().parseKey(secretKeys).getPGPSecretKeyRing()
                    .getSecretKey(encrypted.getKeyIdentifier());
            if (key == null) {
                throw new PGPException("no secret key " + encrypted.getKeyIdentifier());
            }
            return encrypted.getDataStream(new BcPublicKeyDataDecryptorFactory(key.extractPrivateKey(null)));
        });
    }

    private interface Opening {
        InputStream open(PGPEncryptedData data) throws IOException, PGPException;
    }

    private static byte[] openPgp(byte[] file, Opening opening) throws IOException, PGPException {
        BcPGPObjectFactory packets = new BcPGPObjectFactory(file);
        if (!(packets.nextObject() instanceof PGPEncryptedDataList list) || list.size() != 1
                || packets.nextObject() != null) {
            throw new PGPException("not one encrypted message with one session key packet");
        }
        PGPEncryptedData data = list.get(0);
        BcPGPObjectFactory inner = new BcPGPObjectFactory(opening.open(data));
        if (!(inner.nextObject() instanceof PGPLiteralData literal)) {
            throw new PGPException("no literal data packet inside");
        }
        byte[] content = literal.getDataStream().readAllBytes();
        if (inner.nextObject() != null) {
            throw new PGPException("more than a literal data packet inside");
        }
        if (!data.isIntegrityProtected() || !data.verify()) {
            throw new PGPException("the modification detection code does not match");
        }
        return content;
    }

    private static byte[] encoded(S2K s2k) {
        try {
            return s2k.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CMS file for a password. */
    static byte[] cms(byte[] file, char[] password) throws CMSException, IOException {
        JcePasswordAuthEnvelopedRecipient recipient = new JcePasswordAuthEnvelopedRecipient(password) {
            @Override
            public byte[] calculateDerivedKey(int scheme, AlgorithmIdentifier derivation, int keySize)
                    throws CMSException {
                String parameters = new String(password) + "/" + scheme + "/" + keySize + "/"
                        + Base64.getEncoder().encodeToString(derivation(derivation));
                byte[] key = DERIVED.get(parameters);
                if (key == null) {
                    key = super.calculateDerivedKey(scheme, derivation, keySize);
                    DERIVED.put(parameters, key);
                }
                return key.clone();
            }
        };
        recipient.setProvider(CmsEncryption.BOUNCY_CASTLE);
        return cms(file, new PasswordRecipientId(), recipient);
    }

    /** A CMS file for the private key of an RSA or EC certificate, found by the certificate's issuer and serial. */
    static byte[] cms(byte[] file, PrivateKey key, X509Certificate certificate) throws Exception {
        if (key.getAlgorithm().equals("RSA")) {
            return cms(file, new JceKeyTransRecipientId(certificate),
                    new JceKeyTransAuthEnvelopedRecipient(key).setProvider(CmsEncryption.BOUNCY_CASTLE));
        }
        return cms(file, new JceKeyAgreeRecipientId(certificate),
                new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(CmsEncryption.BOUNCY_CASTLE));
    }

    private static byte[] cms(byte[] file, RecipientId id, Recipient recipient) throws CMSException, IOException {
        if (!ContentInfo.getInstance(ASN1Primitive.fromByteArray(file)).getContentType()
                .equals(CMSObjectIdentifiers.authEnvelopedData)) {
            throw new CMSException("not authenticated-enveloped data");
        }
        RecipientInformationStore recipients = new CMSAuthEnvelopedData(file).getRecipientInfos();
        RecipientInformation information = recipients.get(id);
        if (recipients.size() != 1 || information == null) {
            throw new CMSException("not one recipient info, for this recipient");
        }
        return information.getContent(recipient);
    }

    private static byte[] derivation(AlgorithmIdentifier algorithm) throws CMSException {
        try {
            return algorithm.getEncoded();
        } catch (IOException e) {
            throw new CMSException("unencodable derivation", e);
        }
    }
}
