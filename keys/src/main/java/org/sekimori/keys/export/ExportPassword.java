package org.sekimori.keys.export;

import java.security.SecureRandom;

/**
 * One-time passwords for password-encrypted exports, given to the receiver by another way than
 * the file (read out on the phone, sent by another channel). Each has 140 random bits as seven
 * groups of four characters joined by dashes, {@code 7K2M-QX4B-...}, dashes included: they are
 * part of the password. The 32 characters are Crockford's base32 alphabet (digits and capital
 * letters without I, L, O and U), so none can be mistaken for another and no word is spelled.
 *
 * <p>Passwords are {@code char[]} so that the caller can wipe them once the file is encrypted and
 * the password shown; they never go into a {@code String}, a log or an exception.
 */
public final class ExportPassword {

    /**
     * The fewest characters a password may have. A generated one has 34; a password chosen by
     * people needs this many to stand an offline search of the file at all, even with the slow
     * key derivation each format uses.
     */
    public static final int MINIMUM_LENGTH = 16;

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int GROUPS = 7;
    private static final int GROUP_LENGTH = 4;

    private ExportPassword() {
    }

    /** A new password of {@value #GROUPS} groups of {@value #GROUP_LENGTH} characters, 5 random bits each. */
    public static char[] generate(SecureRandom random) {
        char[] password = new char[GROUPS * (GROUP_LENGTH + 1) - 1];
        for (int i = 0; i < password.length; i++) {
            boolean dash = i % (GROUP_LENGTH + 1) == GROUP_LENGTH;
            password[i] = dash ? '-' : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    /** Refuses a password too short to protect an export; says nothing else of it. */
    static void requireStrong(char[] password) {
        if (password.length < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("an export password needs at least " + MINIMUM_LENGTH
                    + " characters; use ExportPassword.generate for one");
        }
    }
}
