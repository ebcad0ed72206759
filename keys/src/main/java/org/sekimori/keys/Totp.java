package org.sekimori.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA1, six digits, 30-second steps, as every
 * authenticator app makes them.
 *
 * <p>Security guarantees: a code is compared in constant time; {@link #verify} accepts a step only
 * if it is later than the last one accepted, so a code that was used (or any older one) is refused
 * even inside its window: the caller stores the returned step atomically.
 */
public final class Totp {

    public static final int SECRET_BYTES = 20;
    private static final int DIGITS = 6;
    private static final long STEP_SECONDS = 30;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final int window;
    private final int digits;

    /** @param window how many steps before and after now are accepted, for clocks that drift */
    public Totp(int window) {
        this(window, DIGITS);
    }

    Totp(int window, int digits) {
        this.window = window;
        this.digits = digits;
    }

    /** A new random secret, as base32 text for the authenticator app. */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step}, with leading zeros. */
    public String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /**
     * The step {@code typed} is the code of, within the window around {@code now} and later than
     * {@code lastUsedStep}; empty when there is none.
     */
    public OptionalLong verify(byte[] secret, String typed, Instant now, long lastUsedStep) {
        if (typed == null || typed.length() != digits || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = typed.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = -1;
        for (long step = current - window; step <= current + window; step++) {
            // Every step is computed and compared, so the time taken does not tell which one matched.
            boolean equal = MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastUsedStep && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
