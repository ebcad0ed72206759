package org.sekimori.gateway.external;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sekimori.keys.token.VerifiedToken;

/**
 * Tokens verified lately, so that a script sending the same token with every request pays for
 * its signature check once (an RS256 check costs tens of microseconds, a large share of a
 * request). Keyed by the whole token text: a token that differs in any character is a different
 * token. An entry lasts at most {@link #TTL} and never past the token's expiry, so a key the
 * issuer withdraws stops working within a minute.
 */
final class VerifiedTokenCache {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(VerifiedToken token, Instant validUntil) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedTokenCache(Clock clock) {
        this.clock = clock;
    }

    Optional<VerifiedToken> get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.validUntil())) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    VerifiedToken put(String token, VerifiedToken verified) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude, but bounded: the cost is one more signature check per token
        }
        Instant ttl = clock.instant().plus(TTL);
        entries.put(token, new Entry(verified, verified.expiresAt().isBefore(ttl) ? verified.expiresAt() : ttl));
        return verified;
    }
}
