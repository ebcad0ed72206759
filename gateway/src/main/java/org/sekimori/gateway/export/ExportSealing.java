package org.sekimori.gateway.export;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
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

    /** The password could not be held for its handler (too many wait): nothing of the file may leave. */
    static final class NoRoom extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoRoom() {
            super("no room for another export password", null, false, false);
        }
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

    Sealed forRecipient(String exportId, ExportRecipients.Registered recipient, byte[] plain, String fileName) {
        return seal(exportId, recipient.key().encryption(), plain, fileName, Optional.of(recipient.id()),
                Optional.of(recipient.key().fingerprint()));
    }

    /**
     * Encrypts for a new random password, given to {@code hold} (which copies it, or answers false
     * when it cannot) before it is wiped.
     */
    Sealed forNewPassword(String exportId, byte[] plain, String fileName, Predicate<char[]> hold) {
        char[] password = ExportPassword.generate(random);
        try {
            ExportEncryption encryption = passwordFormat == PasswordFormat.CMS ? CmsEncryption.withPassword(password)
                    : OpenPgpEncryption.withPassword(password);
            Sealed sealed = seal(exportId, encryption, plain, fileName, Optional.empty(), Optional.empty());
            if (!hold.test(password)) {
                throw new NoRoom();
            }
            return sealed;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Sealed seal(String exportId, ExportEncryption encryption, byte[] plain, String fileName,
            Optional<String> recipient, Optional<String> key) {
        try {
            byte[] file = encryption.encrypt(plain, fileName);
            return new Sealed(file, encryption.method().mediaType(), encryption.method().fileExtension(),
                    new Protection(exportId, encryption.method().id(), recipient, key));
        } catch (RuntimeException e) {
            throw new Failed(encryption.method().id() + ": " + e.getMessage(), e);
        }
    }
}
