package org.sekimori.gateway.external;

import java.time.Clock;
import org.sekimori.gateway.security.BearerDetails;
import org.sekimori.gateway.security.HandlerAuthentications;
import org.sekimori.keys.token.AccessTokens;
import org.sekimori.keys.token.IssuerKeys;
import org.sekimori.keys.token.TokenRefusal;
import org.sekimori.keys.token.TokenRefusedException;
import org.sekimori.keys.token.UnverifiedToken;
import org.sekimori.keys.token.VerifiedToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Authenticates a request by its bearer access token: picks the issuer the token claims among the
 * trusted ones, verifies the token with that issuer's published keys and rules, and maps it to a
 * handler. Nothing is stored in a session; a token verified lately is not verified again for a
 * minute (see {@link VerifiedTokenCache}), but its handler is mapped again on every request.
 */
final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private final TrustedIssuers issuers;
    private final TokenHandlers handlers;
    private final Clock clock;
    private final VerifiedTokenCache verified;

    BearerAuthenticationManager(TrustedIssuers issuers, TokenHandlers handlers, Clock clock) {
        this.issuers = issuers;
        this.handlers = handlers;
        this.clock = clock;
        this.verified = new VerifiedTokenCache(clock);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String text = (String) authentication.getCredentials();
        return Mono.defer(() -> verified.get(text).map(Mono::just).orElseGet(() -> check(text)))
                .map(good -> {
                    TrustedIssuers.Trusted issuer = issuers.of(good.issuer()).orElseThrow();
                    return HandlerAuthentications.bearer(issuer.own() ? handlers.own(good)
                            : handlers.of(good, issuer.settings()), new BearerDetails(good.authenticatedAt()));
                })
                .onErrorMap(TokenRefusedException.class, BearerTokenRefusedException::new);
    }

    private Mono<VerifiedToken> check(String text) {
        UnverifiedToken token = AccessTokens.read(text);
        TrustedIssuers.Trusted issuer = issuers.of(token.claimedIssuer())
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_ISSUER));
        return issuer.keys().keys()
                .map(keys -> verify(token, issuer, keys))
                .onErrorResume(BearerAuthenticationManager::unknownKey, unknown -> issuer.keys().afterUnknownKey()
                        .map(keys -> verify(token, issuer, keys)))
                .map(good -> verified.put(text, good));
    }

    private VerifiedToken verify(UnverifiedToken token, TrustedIssuers.Trusted issuer, IssuerKeys keys) {
        return AccessTokens.verify(token, issuer.rules(), keys, clock.instant());
    }

    private static boolean unknownKey(Throwable failure) {
        return failure instanceof TokenRefusedException refused && refused.refusal() == TokenRefusal.UNKNOWN_KEY;
    }
}
