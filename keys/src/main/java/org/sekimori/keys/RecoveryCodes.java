package org.sekimori.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Single-use codes for a handler who lost their authenticator. Each has 80 random bits, written
 * as {@code xxxx-xxxx-xxxx-xxxx} in base32, so it cannot be guessed; that is why a plain SHA-256
 * is enough to store it (a slow hash protects guessable secrets such as passwords, and would only
 * make ten checks per attempt slow here).
 */
public final class RecoveryCodes {

    private static final int CODE_BYTES = 10;

    private RecoveryCodes() {
    }

    public static List<String> generate(int count, SecureRandom random) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[CODE_BYTES];
            random.nextBytes(bytes);
            String text = Base32.encode(bytes).toLowerCase(Locale.ROOT);
            codes.add(String.join("-", text.substring(0, 4), text.substring(4, 8), text.substring(8, 12),
                    text.substring(12, 16)));
        }
        return codes;
    }

    /** The stored form of a code, typed with any case, spaces or dashes. */
    public static String hash(String typed) {
        String normalised = typed.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
