package org.sekimori.keys;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the Argon2id hash of a password for a directory file. Reads the password from the
 * terminal without echo, or from standard input when piped, never from the command line (where
 * it would be visible to other users in the process list and kept in shell history).
 */
public final class HashPasswordCommand {

    /** The minimum length the identification rules ask for (PPC guideline; configurable at login later). */
    static final int MIN_PASSWORD_CHARS = 12;

    private HashPasswordCommand() {
    }

    public static int run() throws IOException {
        char[] password = read();
        try {
            if (password.length == 0) {
                System.err.println("hash-password: no password given");
                return 2;
            }
            if (password.length < MIN_PASSWORD_CHARS) {
                System.err.println("hash-password: a password needs at least " + MIN_PASSWORD_CHARS + " characters");
                return 2;
            }
            if (password.length > PasswordHasher.MAX_PASSWORD_CHARS) {
                System.err.println("hash-password: a password may have at most "
                        + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
                return 2;
            }
            System.out.println(PasswordHasher.recommended().hash(password));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? new char[0] : typed;
        }
        var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
