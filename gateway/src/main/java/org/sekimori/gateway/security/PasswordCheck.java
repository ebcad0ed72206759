package org.sekimori.gateway.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a user ID and password against the directory. Unknown user IDs are hashed against a
 * dummy hash so that they cost as much time as known ones: the answer and its timing never tell
 * whether a user ID exists.
 */
@Component
public class PasswordCheck {

    /** Longer user IDs exist in no directory; refusing them early bounds the work per attempt. */
    static final int MAX_USER_ID_CHARS = 64;

    private final Directory directory;
    private final PasswordHasher hasher;
    private final String dummyHash;

    public PasswordCheck(Directory directory) {
        this.directory = directory;
        this.hasher = PasswordHasher.recommended();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(random).toCharArray());
    }

    /** The active handler whose password this is, or empty for every kind of failure alike. */
    public Optional<Handler> check(String userId, char[] password) {
        if (userId.length() > MAX_USER_ID_CHARS || password.length > PasswordHasher.MAX_PASSWORD_CHARS) {
            hasher.verify(password.length > PasswordHasher.MAX_PASSWORD_CHARS ? new char[0] : password, dummyHash);
            return Optional.empty();
        }
        Optional<Handler> handler = directory.handler(userId);
        boolean matches;
        try {
            matches = hasher.verify(password, handler.map(Handler::passwordHash).orElse(dummyHash));
        } catch (IllegalArgumentException notUnicodeText) {
            // e.g. a lone surrogate: no password can match it, for any user alike
            return Optional.empty();
        }
        return handler.filter(h -> matches && h.status() == HandlerStatus.ACTIVE);
    }
}
