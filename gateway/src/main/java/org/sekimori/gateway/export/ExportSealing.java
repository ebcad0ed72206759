package org.sekimori.gateway.export;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.sekimori.gateway.export.ExportProperties.PasswordFormat;
import org.sekimori.keys.export.CmsEncryption;
import org.sekimori.keys.export.ExportEncryption;
import org.sekimori.keys.export.ExportPassword;
import org.sekimori.keys.export.OpenPgpEncryption;

/** Encrypts an export's file for a registered recipient, or for a new password it hands over to be held. */
final class ExportSealing {

    /** The file as it leaves, and how it was encrypted. */
    record Sealed(byte[] file, String mediaType, String fileExtension, Protection protection) {
    }

    /** The file could not be encrypted: nothing of it may leave. */
    static final class Failed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PasswordFormat passwordFormat;
    private final SecureRandom random = new SecureRandom();

    ExportSealing(PasswordFormat passwordFormat) {
        this.passwordFormat = passwordFormat;
    }

    Sealed forRecipient(ExportRecipients.Registered recipient, byte[] plain, String fileName) {
        return seal(recipient.key().encryption(), plain, fileName, Optional.of(recipient.id()),
                Optional.of(recipient.key().fingerprint()));
    }

    /** Encrypts for a new random password, given to {@code hold} (which copies it) before it is wiped. */
    Sealed forNewPassword(byte[] plain, String fileName, Consumer<char[]> hold) {
        char[] password = ExportPassword.generate(random);
        try {
            ExportEncryption encryption = passwordFormat == PasswordFormat.CMS ? CmsEncryption.withPassword(password)
                    : OpenPgpEncryption.withPassword(password);
            Sealed sealed = seal(encryption, plain, fileName, Optional.empty(), Optional.empty());
            hold.accept(password);
            return sealed;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Sealed seal(ExportEncryption encryption, byte[] plain, String fileName,
            Optional<String> recipient, Optional<String> key) {
        try {
            byte[] file = encryption.encrypt(plain, fileName);
            return new Sealed(file, encryption.method().mediaType(), encryption.method().fileExtension(),
                    new Protection(encryption.method().id(), recipient, key));
        } catch (RuntimeException e) {
            throw new Failed(encryption.method().id() + ": " + e.getMessage(), e);
        }
    }
}
