package org.sekimori.keys.export;

/**
 * Encrypts a file before an export or a provision to a third party takes it out of the gateway, in
 * a format the receiver opens with standard tools: OpenPGP ({@code gpg}) or CMS ({@code openssl
 * cms}), for a one-time password ({@link ExportPassword}) or for a registered recipient's public
 * key ({@link ExportRecipient}).
 *
 * <h2>Security guarantees</h2>
 * <ul>
 * <li>Confidentiality: only a holder of the password or of the recipient's private key reads the
 *     content. Each file has its own random AES-256 content key; a password is stretched (OpenPGP:
 *     iterated and salted S2K; CMS: PBKDF2) so that each guess costs a fraction of a second.</li>
 * <li>Integrity: a file changed in its encrypted content, its key material or the parameters of
 *     its key derivation does not decrypt to other content; the receiver's tool reports it as
 *     altered. Some fields outside the encrypted part are not covered (see
 *     {@link OpenPgpEncryption} and {@link CmsEncryption}); changing them leaves the content as
 *     it was.</li>
 * </ul>
 * Not guaranteed: who made the file (nothing is signed: the gateway's record of the export says
 * that); hiding the content's length (the file is a few dozen to a few hundred bytes longer). And
 * gpg 2.2 and OpenSSL 3.0 decrypt as they read: given an altered file they write the altered
 * content out before they find the change, then exit with a non-zero status. A receiver must
 * discard the output of a decryption that did not succeed. With gpg, success is exit status 0
 * <em>and</em> {@code DECRYPTION_OKAY} on {@code --status-fd}: when a changed packet tag hides
 * the encrypted packet, gpg decrypts nothing, writes nothing and exits with 0.
 *
 * <p>Passwords never go into a {@code toString}, an exception or a log.
 */
public abstract sealed class ExportEncryption permits OpenPgpEncryption, CmsEncryption {

    private final EncryptionMethod method;

    ExportEncryption(EncryptionMethod method) {
        this.method = method;
    }

    /** What the audit record names this encryption by, and the file's media type and extension. */
    public final EncryptionMethod method() {
        return method;
    }

    /**
     * The encrypted file for {@code content}, which is read whole (exports are bounded in size).
     *
     * @param fileName the name of the file the content came from, e.g. {@code export.csv}
     * @throws IllegalArgumentException if the file name cannot be stored (OpenPGP: more than 255
     *     bytes in UTF-8, a path separator or a control character)
     * @throws IllegalStateException if the recipient's key has expired or been revoked since it
     *     was read
     */
    public abstract byte[] encrypt(byte[] content, String fileName);

    /** The class and method only: never the password. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + method.id() + "]";
    }
}
