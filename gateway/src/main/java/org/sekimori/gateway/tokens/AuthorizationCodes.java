package org.sekimori.gateway.tokens;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sekimori.gateway.security.AuthenticatedHandler;

/**
 * Authorization codes waiting to be redeemed: each good once, for a minute, by the client it was
 * issued to, with the redirect URI and PKCE challenge it was asked with. Kept in memory: a code
 * lives for the seconds between a browser's redirect and the client's token request. Bounded, in
 * all and per handler, so that a logged-in browser (or a script driving one) cannot fill memory
 * with codes it never redeems.
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final int MAX_PENDING = 10_000;
    /** A person starts a tool or two at a time; more outstanding codes than this is a loop. */
    static final int MAX_PENDING_PER_HANDLER = 10;

    /** What a code stands for. */
    record Grant(String clientId, URI redirectUri, String codeChallenge, AuthenticatedHandler handler,
            Optional<Instant> secondFactorAt, Instant expires) {
    }

    private final Map<String, Grant> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new code for the grant; empty when too many are outstanding, in all or for this handler. */
    synchronized Optional<String> issue(String clientId, URI redirectUri, String codeChallenge,
            AuthenticatedHandler handler, Optional<Instant> secondFactorAt) {
        Instant now = clock.instant();
        pending.values().removeIf(grant -> !grant.expires().isAfter(now));
        long held = pending.values().stream().filter(grant -> grant.handler().userId().equals(handler.userId()))
                .count();
        if (pending.size() >= MAX_PENDING || held >= MAX_PENDING_PER_HANDLER) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(code, new Grant(clientId, redirectUri, codeChallenge, handler, secondFactorAt,
                now.plus(LIFETIME)));
        return Optional.of(code);
    }

    /** The grant of {@code code}, which is used up whatever follows; empty if unknown or expired. */
    Optional<Grant> redeem(String code) {
        Grant grant = code == null ? null : pending.remove(code);
        return Optional.ofNullable(grant).filter(found -> found.expires().isAfter(clock.instant()));
    }
}
