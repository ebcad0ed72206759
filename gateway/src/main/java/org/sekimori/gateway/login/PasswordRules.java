package org.sekimori.gateway.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sekimori.keys.PasswordHasher;

/**
 * What a new password must be: long enough, not longer than the hash takes whole (never cut
 * short silently), not the user ID, and none of the recent ones.
 */
public final class PasswordRules {

    private final PasswordHasher hasher;
    private final LoginProperties.Passwords rules;

    public PasswordRules(PasswordHasher hasher, LoginProperties.Passwords rules) {
        this.hasher = hasher;
        this.rules = rules;
    }

    /** Every rule {@code candidate} breaks, in words for the handler; empty when it may be used. */
    public List<String> problems(String userId, char[] candidate, List<String> recentHashes) {
        List<String> problems = new ArrayList<>();
        int length = Character.codePointCount(candidate, 0, candidate.length);
        if (length < rules.minLength()) {
            problems.add("must have at least " + rules.minLength() + " characters");
        }
        if (candidate.length > PasswordHasher.MAX_PASSWORD_CHARS) {
            problems.add("must have at most " + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
            return problems;
        }
        String lower = new String(candidate).toLowerCase(Locale.ROOT);
        if (lower.contains(userId.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the user ID");
        }
        if (lower.isBlank()) {
            problems.add("must not be blank");
        }
        try {
            if (recentHashes.stream().anyMatch(hash -> hasher.verify(candidate, hash))) {
                problems.add("must not be the current password or one of the last " + rules.history());
            }
        } catch (IllegalArgumentException notUnicodeText) {
            problems.add("must be valid Unicode text");
        }
        return problems;
    }
}
