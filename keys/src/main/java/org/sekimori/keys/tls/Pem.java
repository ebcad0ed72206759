package org.sekimori.keys.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** The PEM text form (RFC 7468) of certificates and keys. */
final class Pem {

    private Pem() {
    }

    static String of(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The bytes of the first {@code label} block of {@code text}, as {@link #of} wrote it. */
    static byte[] decode(String label, String text) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            throw new GeneralSecurityException("no " + label + " block in the PEM text");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the " + label + " block is not Base64", e);
        }
    }
}
