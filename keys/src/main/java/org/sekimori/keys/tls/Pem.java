package org.sekimori.keys.tls;

import java.nio.charset.StandardCharsets;
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
}
