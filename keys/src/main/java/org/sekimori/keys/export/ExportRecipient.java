package org.sekimori.keys.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A registered third party that exports are provided to, known by its public key: an OpenPGP
 * public key (what {@code gpg --export} writes) or an X.509 certificate. Read and checked once at
 * startup; exports are encrypted for it with {@link #encryption()}, which checks again at every
 * file that the key has not expired (or been revoked) since.
 *
 * <p>The key is taken as registered: the operator has compared its fingerprint with the
 * recipient's (on the phone, on paper); no certificate chain or web of trust is consulted.
 */
public abstract sealed class ExportRecipient permits OpenPgpRecipient, CmsRecipient {

    /** Where the key was read from, for messages. */
    final String source;
    /** What tells whether the key is still valid when an export is encrypted. */
    final Clock clock;

    ExportRecipient(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * The recipient in {@code file}, an OpenPGP public key (ASCII-armored or binary) or an X.509
     * certificate (PEM or DER), told apart by their content.
     *
     * @throws IOException naming the file and what is wrong with it: unreadable, neither kind of
     *     key, revoked, expired, or with no key that may encrypt
     */
    public static ExportRecipient read(Path file, Clock clock) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String start = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).strip();
        boolean der = bytes.length > 0 && bytes[0] == 0x30;
        if (start.startsWith("-----BEGIN CERTIFICATE-----") || der) {
            return CmsRecipient.parse(bytes, file.toString(), clock);
        }
        if (start.startsWith("-----BEGIN PGP") || bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            return OpenPgpRecipient.parse(bytes, file.toString(), clock);
        }
        throw new IOException(file + " holds neither an OpenPGP public key nor an X.509 certificate");
    }

    /**
     * What identifies the key in the audit record, in the form the recipient's own tool shows: the
     * OpenPGP fingerprint as {@code gpg --fingerprint} prints it without spaces, or the
     * certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} prints it.
     */
    public abstract String fingerprint();

    /** How exports for this recipient are encrypted. */
    public abstract ExportEncryption encryption();

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + fingerprint() + " from " + source + "]";
    }
}
