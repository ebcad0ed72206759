package org.sekimori.gateway.login;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sekimori.keys.PasswordHasher;

/**
 * Changes a handler's password: the current one must be given again (a session left open is not
 * enough), and the new one must pass the {@link PasswordRules}.
 */
public final class PasswordChange {

    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final PasswordRules rules;
    private final LoginProperties properties;
    private final Clock clock;

    public PasswordChange(CredentialStore store, PasswordHasher hasher, PasswordRules rules,
            LoginProperties properties, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.rules = rules;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What went wrong, or an empty list when the password was changed. A wrong current password
     * counts toward the lockout like a failed login: an unattended session must not become a way
     * to guess it.
     */
    public List<String> change(String userId, char[] current, char[] replacement, String address) {
        Credentials credentials = store.find(userId).orElseThrow(
                () -> new IllegalStateException("a logged-in handler has no credentials"));
        boolean currentMatches;
        try {
            currentMatches = current.length <= PasswordHasher.MAX_PASSWORD_CHARS
                    && hasher.verify(current, credentials.passwordHash());
        } catch (IllegalArgumentException notUnicodeText) {
            currentMatches = false;
        }
        if (!currentMatches) {
            store.countFailure(java.util.Optional.of(userId), address, clock.instant(), properties.lockout());
            return List.of("currentPassword: is not your current password");
        }
        List<String> recent = new ArrayList<>();
        recent.add(credentials.passwordHash());
        recent.addAll(store.recentPasswordHashes(userId, properties.passwords().history()));
        List<String> problems = rules.problems(userId, replacement, recent).stream()
                .map(problem -> "newPassword: " + problem).toList();
        if (problems.isEmpty()) {
            store.replacePassword(userId, hasher.hash(replacement), clock.instant());
        }
        return problems;
    }
}
