package org.sekimori.keys.export;

import java.util.Locale;

/**
 * How an export was encrypted: the file format and who can open it. The id goes into the audit
 * record; the media type and file extension go with the file to its receiver.
 */
public enum EncryptionMethod {
    /** OpenPGP for a password, as {@code gpg --symmetric} writes it; {@code gpg --decrypt} opens it. */
    OPENPGP_PASSWORD,
    /** OpenPGP for a recipient's public key; the recipient's {@code gpg --decrypt} opens it. */
    OPENPGP_PUBLIC_KEY,
    /** CMS for a password; {@code openssl cms -decrypt -pwri_password} opens it. */
    CMS_PASSWORD,
    /** CMS for a recipient's X.509 certificate; {@code openssl cms -decrypt -recip -inkey} opens it. */
    CMS_CERTIFICATE;

    /** The name in audit records, e.g. {@code openpgp-password}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code Content-Type} of the encrypted file. */
    public String mediaType() {
        return openPgp() ? "application/pgp-encrypted" : "application/pkcs7-mime; smime-type=authEnveloped-data";
    }

    /** What the encrypted file's name ends with: {@code .gpg} or {@code .p7m}. */
    public String fileExtension() {
        return openPgp() ? ".gpg" : ".p7m";
    }

    private boolean openPgp() {
        return this == OPENPGP_PASSWORD || this == OPENPGP_PUBLIC_KEY;
    }
}
