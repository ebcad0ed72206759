package org.sekimori.gateway.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.keys.token.TokenSigningKey;

/** Issues access tokens for handlers, signed with the gateway's token key. */
public final class TokenMinter {

    private final TokenSigningKey key;
    private final TokenProperties properties;
    private final Clock clock;

    public TokenMinter(TokenSigningKey key, TokenProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A token for {@code handler}, asked for by {@code clientId}. {@code amr} says how the handler
     * logged in; {@code auth_time}, when they last gave a second factor, which is what a step-up
     * asks of a token (a token from a login of hours ago must not pass for a fresh one).
     */
    String mint(AuthenticatedHandler handler, String clientId, Optional<Instant> secondFactorAt) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("client_id", clientId);
        claims.put("roles", handler.roles());
        claims.put("amr", handler.mfa() ? List.of("pwd", "otp") : List.of("pwd"));
        secondFactorAt.filter(at -> handler.mfa()).ifPresent(at -> claims.put("auth_time", at.getEpochSecond()));
        return key.sign(properties.issuer(), handler.userId(), List.of(TokenProperties.AUDIENCE), now,
                now.plus(properties.lifetime()), UUID.randomUUID().toString(), claims);
    }

    long lifetimeSeconds() {
        return properties.lifetime().toSeconds();
    }
}
