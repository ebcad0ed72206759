package org.sekimori.keys;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sekimori.keys.internal.Argon2id;

/**
 * Hashes and verifies handlers' passwords with Argon2id (RFC 9106), in the PHC string form
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded base64), which other
 * Argon2 implementations read too.
 *
 * <p>Security guarantees: hashes are salted with 16 random bytes; verification compares in
 * constant time; a malformed stored hash verifies nothing rather than throwing, so that a broken
 * directory entry cannot be told apart from a wrong password by the caller.
 */
public final class PasswordHasher {

    /** Longer inputs are refused: a password is not a document, and hashing cost must stay bounded. */
    public static final int MAX_PASSWORD_CHARS = 256;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Argon2Parameters parameters;
    private final SecureRandom random;

    public PasswordHasher(Argon2Parameters parameters, SecureRandom random) {
        this.parameters = parameters;
        this.random = random;
    }

    /** Hashes with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). */
    public static PasswordHasher recommended() {
        return new PasswordHasher(Argon2Parameters.RECOMMENDED, new SecureRandom());
    }

    public String hash(char[] password) {
        byte[] secret = encode(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        try {
            byte[] hash = Argon2id.derive(secret, salt, parameters, HASH_BYTES);
            return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                    + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** True only when {@code password} hashes to {@code storedHash}; false for any malformed input. */
    public boolean verify(char[] password, String storedHash) {
        Optional<Stored> stored = Stored.parse(storedHash);
        if (stored.isEmpty() || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        byte[] secret = encode(password);
        try {
            Stored s = stored.get();
            byte[] actual = Argon2id.derive(secret, s.salt(), s.parameters(), s.hash().length);
            return MessageDigest.isEqual(actual, s.hash());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Whether a stored hash was made with other parameters than this hasher's, so should be redone at login. */
    public boolean needsRehash(String storedHash) {
        return Stored.parse(storedHash).map(s -> !s.parameters().equals(parameters)).orElse(true);
    }

    private static byte[] encode(char[] password) {
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a password may have at most " + MAX_PASSWORD_CHARS + " characters");
        }
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            Arrays.fill(bytes.array(), (byte) 0);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a password must be valid Unicode text", e);
        }
    }

    private record Stored(Argon2Parameters parameters, byte[] salt, byte[] hash) {

        static Optional<Stored> parse(String phc) {
            Matcher m = phc == null ? null : PHC.matcher(phc);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            try {
                Argon2Parameters parameters = new Argon2Parameters(Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return Optional.of(new Stored(parameters, B64_DECODER.decode(m.group(4)), B64_DECODER.decode(m.group(5))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
