package org.sekimori.keys.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.function.Function;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.PGPKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Exports as OpenPGP messages (RFC 4880) that GnuPG 2.2 and later decrypt: one literal data
 * packet, binary, under the caller's file name, encrypted with AES-256 in a symmetrically
 * encrypted integrity protected data packet (version 1, with its SHA-1 modification detection
 * code), preceded by one packet that gives the session key:
 * <ul>
 * <li>for a password, a symmetric-key encrypted session key packet with an iterated and salted
 *     S2K over SHA-256, 8 random salt bytes and the highest count OpenPGP can encode (65,011,712
 *     octets hashed per guess; what gpg 2.2 itself writes on a current machine, where its
 *     calibration asks for more). The packet holds a random session key encrypted under the S2K
 *     key (AES-256 in CFB mode), as gpg writes it for a password and public keys together;</li>
 * <li>for a recipient, a public-key encrypted session key packet (version 3) to the recipient's
 *     newest valid encryption key (RSA or ECDH), as {@code gpg --encrypt} writes it.</li>
 * </ul>
 * Nothing is compressed: compression before encryption lets the file's size tell something of its
 * content, and exports are small.
 *
 * <p>AEAD packets (RFC 9580 version 2, or GnuPG's OCB) are not written: gpg 2.2 reads neither.
 * Version 1 with its MDC is what every current OpenPGP implementation reads and checks: a changed
 * byte in the encrypted data fails the MDC (gpg: "encrypted message has been manipulated", exit
 * status 2), one in a session key packet gives a wrong session key, which fails the same way.
 * Outside the encrypted data, gpg 2.2 leaves a few fields of a public-key session key packet
 * unchecked that do not bear on the key: it accepts version 2 for 3, reads an MPI by its length
 * in bytes rather than bits, and ignores the 0x40 prefix of a Curve25519 point and the point's top
 * bit (which X25519 masks, RFC 7748). Changing them leaves the content as it was; Bouncy Castle
 * refuses each.
 */
public final class OpenPgpEncryption extends ExportEncryption {

    /** The S2K count octet 0xFF: 65,011,712 octets of salt and password hashed per guess. */
    private static final int S2K_COUNT = 0xFF;
    /** What a literal data packet can hold of a name: its length is one octet. */
    private static final int MAX_FILE_NAME_BYTES = 255;

    private final Function<SecureRandom, PGPKeyEncryptionMethodGenerator> keyEncryption;
    private final SecureRandom random = new SecureRandom();

    private OpenPgpEncryption(EncryptionMethod method,
            Function<SecureRandom, PGPKeyEncryptionMethodGenerator> keyEncryption) {
        super(method);
        this.keyEncryption = keyEncryption;
    }

    /**
     * Encryption for {@code password}. The array is read at each {@link #encrypt}, not copied: the
     * caller wipes it when done.
     */
    public static OpenPgpEncryption withPassword(char[] password) {
        ExportPassword.requireStrong(password);
        return new OpenPgpEncryption(EncryptionMethod.OPENPGP_PASSWORD, random -> {
            try {
                return new BcPBEKeyEncryptionMethodGenerator(password,
                        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT)
                        .setSecureRandom(random);
            } catch (PGPException e) {
                throw new IllegalStateException("SHA-256 is part of Bouncy Castle", e);
            }
        });
    }

    /** Encryption for whichever of the recipient's keys is valid at each {@link #encrypt}. */
    static OpenPgpEncryption forRecipient(OpenPgpRecipient recipient) {
        return new OpenPgpEncryption(EncryptionMethod.OPENPGP_PUBLIC_KEY, recipient::keyEncryption);
    }

    /** {@inheritDoc} The name goes into the literal data packet, where {@code gpg --use-embedded-filename} finds it. */
    @Override
    public byte[] encrypt(byte[] content, String fileName) {
        byte[] literal = literal(content, fileName);
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        // A random session key. Without this, Bouncy Castle 1.83 uses the S2K key as the session key
        // and still writes it into the packet, encrypted under itself.
        generator.setForceSessionKey(true);
        generator.addMethod(keyEncryption.apply(random));
        ByteArrayOutputStream file = new ByteArrayOutputStream(literal.length + 1024);
        try (OutputStream encrypted = generator.open(file, literal.length)) {
            encrypted.write(literal);
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("OpenPGP encryption in memory failed", e);
        }
        return file.toByteArray();
    }

    private static byte[] literal(byte[] content, String fileName) {
        byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_FILE_NAME_BYTES
                || fileName.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a file name in an OpenPGP export has 1 to " + MAX_FILE_NAME_BYTES
                    + " bytes in UTF-8, no path separators and no control characters");
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream(content.length + name.length + 16);
        try (OutputStream out = new PGPLiteralDataGenerator().open(packet, PGPLiteralDataGenerator.BINARY, fileName,
                content.length, new Date())) {
            out.write(content);
        } catch (IOException e) {
            throw new IllegalStateException("an OpenPGP literal data packet could not be written in memory", e);
        }
        return packet.toByteArray();
    }
}
