package org.sekimori.keys.export;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.operator.PGPKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * A recipient's OpenPGP public key (a version 4 key, RSA or ECDH, as gpg makes them). Its
 * self-signatures are checked; a key that is revoked or expired, or has no valid subkey (or primary
 * key) flagged for encryption, is refused. Exports go to the newest valid encryption key, as gpg
 * chooses it.
 */
public final class OpenPgpRecipient extends ExportRecipient {

    private static final int ENCRYPTION_FLAGS = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    private final OpenPGPCertificate certificate;

    private OpenPgpRecipient(OpenPGPCertificate certificate, String source, Clock clock) {
        super(source, clock);
        this.certificate = certificate;
    }

    /** The one public key in {@code bytes}, read from {@code source}, if it can be encrypted for now. */
    static OpenPgpRecipient parse(byte[] bytes, String source, Clock clock) throws IOException {
        List<OpenPGPCertificate> certificates;
        try {
            certificates = new OpenPGPKeyReader().parseKeysOrCertificates(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " holds no readable OpenPGP public key: " + e.getMessage(), e);
        }
        if (certificates.size() != 1) {
            throw new IOException(source + " holds " + certificates.size()
                    + " OpenPGP keys; register one recipient's public key per file");
        }
        OpenPGPCertificate certificate = certificates.get(0);
        if (certificate.isSecretKey()) {
            throw new IOException(source + " holds a secret key; register only the recipient's public key "
                    + "(gpg --export), the secret key stays with the recipient");
        }
        if (certificate.getPrimaryKey().getVersion() != PublicKeyPacket.VERSION_4) {
            throw new IOException(source + " holds a version " + certificate.getPrimaryKey().getVersion()
                    + " OpenPGP key; exports are encrypted for version 4 keys, which gpg 2.2 and later make");
        }
        OpenPgpRecipient recipient = new OpenPgpRecipient(certificate, source, clock);
        Date now = Date.from(clock.instant());
        if (recipient.encryptionKey(now).isEmpty()) {
            throw new IOException(source + ": the OpenPGP key " + recipient.fingerprint() + " "
                    + recipient.whyUnusable(now));
        }
        return recipient;
    }

    /** The primary key's fingerprint, 40 hexadecimal digits in capitals. */
    @Override
    public String fingerprint() {
        return HexFormat.of().withUpperCase().formatHex(certificate.getFingerprint());
    }

    @Override
    public ExportEncryption encryption() {
        return OpenPgpEncryption.forRecipient(this);
    }

    /** The session key packet's maker for the key valid now; refuses if the key expired or was revoked since. */
    PGPKeyEncryptionMethodGenerator keyEncryption(SecureRandom random) {
        Date now = Date.from(clock.instant());
        PGPPublicKey key = encryptionKey(now).orElseThrow(() -> new IllegalStateException("the OpenPGP key "
                + fingerprint() + " from " + source + " " + whyUnusable(now)));
        return new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random);
    }

    private Optional<PGPPublicKey> encryptionKey(Date at) {
        return certificate.getEncryptionKeys(at).stream()
                .max(Comparator.comparing(OpenPGPComponentKey::getCreationTime))
                .map(OpenPGPComponentKey::getPGPPublicKey);
    }

    private String whyUnusable(Date at) {
        if (certificate.getRevocation(at) != null) {
            return "has been revoked; ask the recipient for their current key";
        }
        Date expiry = certificate.getExpirationTime(at);
        if (expiry != null && !expiry.after(at)) {
            return "expired at " + expiry.toInstant() + "; ask the recipient for their current key (or to extend it)";
        }
        if (certificate.getKeys().stream().noneMatch(OpenPgpRecipient::flaggedForEncryption)) {
            return "has no key for encryption (gpg --list-keys shows none marked [E]); ask the recipient for a key "
                    + "with an encryption subkey";
        }
        return "has no valid key for encryption: each is expired, revoked or too weak; ask the recipient for their "
                + "current key";
    }

    /** Whether any self-signature ever gave the key an encryption flag (signatures not checked: only for messages). */
    private static boolean flaggedForEncryption(OpenPGPComponentKey key) {
        for (Iterator<PGPSignature> signatures = key.getPGPPublicKey().getSignatures(); signatures.hasNext(); ) {
            PGPSignature signature = signatures.next();
            if (signature.getHashedSubPackets() != null
                    && (signature.getHashedSubPackets().getKeyFlags() & ENCRYPTION_FLAGS) != 0) {
                return true;
            }
        }
        return false;
    }
}
