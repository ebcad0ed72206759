package org.sekimori.keys.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which hardware token holds the keys: the PKCS#11 library of its vendor (for SoftHSM2,
 * {@code /usr/lib/softhsm/libsofthsm2.so}) and the label the token was initialised with.
 */
public record Pkcs11Token(Path library, String label) {

    public Pkcs11Token {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(label, "label");
        if (!library.isAbsolute() || library.toString().matches(".*[\"\\\\\\n\\r].*")) {
            throw new IllegalArgumentException("the PKCS#11 library is an absolute path without quotes, backslashes "
                    + "or line breaks, not " + library);
        }
        if (label.isEmpty() || label.length() > 32) {
            throw new IllegalArgumentException("a token label is 1 to 32 characters, not '" + label + "'");
        }
    }
}
