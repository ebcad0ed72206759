package org.sekimori.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;

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
 *
 * <p>Rotation: a new key makes new pseudonyms, so the same value has one pseudonym in records made
 * before the rotation and another after. A search by value therefore looks for every pseudonym
 * {@link #searchable} gives, one under each key still held. Once a key is retired its secret is
 * gone: the pseudonyms it made can no longer be recomputed, so a search by value no longer finds
 * the records that carry them (they are still found by every other criterion, and still verify).
 */
public final class Pseudonyms {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int TOKEN_BYTES = 16;

    private final PseudonymKeys keys;

    /** Pseudonyms made with one key that never rotates. */
    public Pseudonyms(PseudonymKey key) {
        this(new OneKey(key));
    }

    /** Pseudonyms made with whichever key is active at the time, such as a key ring's. */
    public Pseudonyms(PseudonymKeys keys) {
        this.keys = keys;
    }

    /** The pseudonym of {@code value} under the active key: what a new record carries. */
    public String pseudonym(String domain, String value) {
        return pseudonym(keys.active(), domain, value);
    }

    /** Every pseudonym {@code value} may carry in records: one under each key still held, the active key's first. */
    public List<String> searchable(String domain, String value) {
        return keys.searchable().stream().map(key -> pseudonym(key, domain, value)).toList();
    }

    private static String pseudonym(PseudonymKey key, String domain, String value) {
        Mac mac = key.mac();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return key.id() + ":" + base32(digest, TOKEN_BYTES);
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

    private record OneKey(PseudonymKey active) implements PseudonymKeys {

        @Override
        public List<PseudonymKey> searchable() {
            return List.of(active);
        }
    }
}
