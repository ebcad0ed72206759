package org.sekimori.gateway.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;

/**
 * The first step of a login: user ID and password against the directory and the credential store,
 * with lockout. The password is hashed whatever happens (against a dummy hash for an unknown user
 * ID), so the time an answer takes does not tell whether a user ID exists or is locked.
 */
public final class PasswordLogin {

    /** Longer user IDs exist in no directory; refusing them early bounds the work per attempt. */
    static final int MAX_USER_ID_CHARS = 64;

    private final Directory directory;
    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final CurrentPolicy policy;
    private final LoginProperties properties;
    private final Clock clock;
    private final String dummyHash;

    public PasswordLogin(Directory directory, CredentialStore store, PasswordHasher hasher, CurrentPolicy policy,
            LoginProperties properties, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(random).toCharArray());
    }

    /** What became of a password login. */
    public sealed interface Result permits Verified, Refused {
    }

    /** The password was right; {@code remaining} lists what the handler must still do. */
    public record Verified(Handler handler, Set<LoginStep> remaining) implements Result {
    }

    /**
     * The login was refused for {@code failure}; {@code count} tells whether this attempt locked the
     * account or blocked the client's address, and {@code userId} names the account when it exists.
     */
    public record Refused(LoginFailure failure, Optional<String> userId, CredentialStore.FailureCount count)
            implements Result {
    }

    public Result check(String userId, char[] password, String address) {
        Instant now = clock.instant();
        boolean wellFormed = userId.length() <= MAX_USER_ID_CHARS && password.length <= PasswordHasher.MAX_PASSWORD_CHARS;
        Optional<Handler> handler = wellFormed ? directory.handler(userId) : Optional.empty();
        Optional<Credentials> credentials = handler.flatMap(known -> store.find(known.userId()));
        boolean matches = verify(wellFormed ? password : new char[0],
                credentials.map(Credentials::passwordHash).orElse(dummyHash));
        Optional<LoginFailure> failure = failure(handler, credentials, matches, address, now);
        if (failure.isPresent()) {
            Optional<String> account = credentials.map(Credentials::userId);
            return new Refused(failure.get(), account, store.countFailure(account, address, now, properties.lockout()));
        }
        Handler found = handler.orElseThrow();
        Credentials stored = credentials.orElseThrow();
        store.countSuccess(found.userId(), address);
        if (hasher.needsRehash(stored.passwordHash())) {
            store.rehash(found.userId(), stored.passwordHash(), hasher.hash(password));
        }
        return new Verified(found, remaining(found, stored, now));
    }

    private boolean verify(char[] password, String hash) {
        try {
            return hasher.verify(password, hash);
        } catch (IllegalArgumentException notUnicodeText) {
            return false; // e.g. a lone surrogate: no password can match it, for any user alike
        }
    }

    private Optional<LoginFailure> failure(Optional<Handler> handler, Optional<Credentials> credentials,
            boolean matches, String address, Instant now) {
        if (handler.isEmpty() || credentials.isEmpty()) {
            return Optional.of(LoginFailure.UNKNOWN_USER);
        }
        if (store.addressBlockedUntil(address, now).isPresent()) {
            return Optional.of(LoginFailure.ADDRESS_BLOCKED);
        }
        if (credentials.get().lockedAt(now)) {
            return Optional.of(LoginFailure.LOCKED);
        }
        if (!matches) {
            return Optional.of(LoginFailure.BAD_PASSWORD);
        }
        if (handler.get().status() != HandlerStatus.ACTIVE) {
            return Optional.of(LoginFailure.DISABLED);
        }
        if (handler.get().expiredOn(LocalDate.ofInstant(now, policy.zone()))) {
            return Optional.of(LoginFailure.ACCESS_EXPIRED);
        }
        return Optional.empty();
    }

    private Set<LoginStep> remaining(Handler handler, Credentials credentials, Instant now) {
        Set<LoginStep> remaining = EnumSet.noneOf(LoginStep.class);
        if (credentials.mfaEnrolled()) {
            remaining.add(LoginStep.SECOND_FACTOR);
        } else if (policy.requiresMfa(handler.roles())) {
            remaining.add(LoginStep.ENROL_SECOND_FACTOR);
        }
        boolean expired = properties.passwords().maxAge() != null
                && credentials.passwordChangedAt().plus(properties.passwords().maxAge()).isBefore(now);
        if (credentials.mustChangePassword() || expired) {
            remaining.add(LoginStep.CHANGE_PASSWORD);
        }
        return remaining;
    }
}
