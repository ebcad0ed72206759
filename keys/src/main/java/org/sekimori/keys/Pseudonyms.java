package org.sekimori.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 over a domain (such as a data system's id) and a value.
 *
 * <p>Security guarantees: without the key a pseudonym cannot be reversed or recomputed, so a list
 * of pseudonyms does not reveal who is in it; with the key an authorised person can recompute the
 * pseudonym of a known identifier. The same value has different pseudonyms in different domains,
 * so two data systems' extracts cannot be joined on them.
 *
 * <p>Layout: {@code <key id>:<26 lower-case Base32 characters>}, the first 128 bits of
 * HMAC-SHA256(key, UTF-8(domain) || 0x00 || UTF-8(value)).
 */
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int TOKEN_BYTES = 16;

    private final String keyId;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonyms(PseudonymKey key) {
        this.keyId = key.id();
        this.key = new SecretKeySpec(key.secret(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at startup, not on the first request, if the JDK lacks HMAC-SHA256
    }

    public String pseudonym(String domain, String value) {
        Mac mac = macs.get();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return keyId + ":" + base32(digest, TOKEN_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available: " + e.getMessage(), e);
        }
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder((length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = buffer << 8 | bytes[i] & 0xff;
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[buffer >> bits - 5 & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[buffer << 5 - bits & 31]);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
