package org.sekimori.gateway.login;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How handlers log in: where credentials and counters are kept, the password rules, lockout and
 * the second factor.
 *
 * @param url the PostgreSQL database of credentials in production ({@code jdbc:postgresql:...});
 *     unset, an embedded database in {@code embedded} is used
 * @param embedded the file (without extension) of the embedded credential database
 * @param sealingKey the key TOTP secrets are sealed with at rest; created on first start
 */
@ConfigurationProperties("sekimori.login")
public record LoginProperties(
        String url,
        String username,
        String password,
        @DefaultValue("data/login/credentials") Path embedded,
        @DefaultValue("data/keys/login-sealing.key") Path sealingKey,
        @DefaultValue Lockout lockout,
        @DefaultValue Passwords passwords,
        @DefaultValue Mfa mfa) implements Validator {

    /**
     * Consecutive failed logins that lock an account, and failed logins from one client address
     * (whatever user IDs they named) that block it; both for {@code duration}.
     */
    public record Lockout(@DefaultValue("5") int accountFailures, @DefaultValue("5") int addressFailures,
            @DefaultValue("15m") Duration duration) {
    }

    /**
     * @param history how many earlier passwords a new one may not repeat
     * @param maxAge how long a password lasts before it must be changed; unset, it does not expire
     * @param memoryKib Argon2id memory; hashes made with other parameters are redone at the next login
     */
    public record Passwords(@DefaultValue("12") int minLength, @DefaultValue("5") int history, Duration maxAge,
            @DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism) {
    }

    /** The issuer name authenticator apps show, and how many TOTP steps either side of now are accepted. */
    public record Mfa(@DefaultValue("Sekimori") String issuer, @DefaultValue("1") int window,
            @DefaultValue("10") int recoveryCodes) {
    }

    @Override
    public boolean supports(Class<?> type) {
        return LoginProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            errors.rejectValue("url", "invalid", "must be a jdbc:postgresql: URL, or unset for the embedded store");
        }
        if (lockout.accountFailures() < 1 || lockout.addressFailures() < 1) {
            errors.rejectValue("lockout", "invalid", "failure counts must be at least 1");
        }
        if ((lockout.duration().isNegative() || lockout.duration().isZero())) {
            errors.rejectValue("lockout.duration", "invalid", "must be a positive duration such as 15m");
        }
        if (passwords.minLength() < 8 || passwords.minLength() > org.sekimori.keys.PasswordHasher.MAX_PASSWORD_CHARS) {
            errors.rejectValue("passwords.minLength", "invalid", "must be between 8 and "
                    + org.sekimori.keys.PasswordHasher.MAX_PASSWORD_CHARS);
        }
        if (passwords.history() < 0) {
            errors.rejectValue("passwords.history", "invalid", "must be 0 or more");
        }
        if (passwords.memoryKib() < 8192 || passwords.iterations() < 1 || passwords.parallelism() < 1) {
            errors.rejectValue("passwords", "invalid", "Argon2id needs at least 8192 KiB, 1 iteration and 1 lane");
        }
        if (mfa.window() < 0 || mfa.window() > 2) {
            errors.rejectValue("mfa.window", "invalid", "must be 0, 1 or 2 steps of 30 s");
        }
    }
}
