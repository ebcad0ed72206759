package org.sekimori.gateway.external;

import java.util.Optional;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.sekimori.gateway.security.HandlerAuthentications;
import org.sekimori.keys.token.ClaimPaths;
import org.sekimori.keys.token.TokenRefusedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import reactor.core.publisher.Mono;

/**
 * Completes a browser login at the external provider: Spring Security's OpenID Connect manager
 * redeems the code (with the PKCE verifier) and checks the ID token (signature, issuer, audience,
 * expiry, nonce); then the ID token's subject is mapped to a handler as a bearer token's would be.
 * The session holds that handler, not the provider's tokens.
 */
final class OidcLoginManager implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager codeExchange;
    private final TokenHandlers handlers;
    private final TokenIssuerProperties.Issuer settings;

    OidcLoginManager(ReactiveAuthenticationManager codeExchange, TokenHandlers handlers,
            TokenIssuerProperties.Issuer settings) {
        this.codeExchange = codeExchange;
        this.handlers = handlers;
        this.settings = settings;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        return codeExchange.authenticate(authentication)
                .map(login -> {
                    OidcIdToken idToken = ((OidcUser) login.getPrincipal()).getIdToken();
                    var claims = new TokenHandlers.Claims(idToken.getIssuer().toString(),
                            Optional.ofNullable(idToken.getSubject()),
                            path -> ClaimPaths.strings(idToken.getClaims(), path));
                    return HandlerAuthentications.complete(handlers.of(claims, settings, AuthenticationMethod.OIDC));
                })
                .onErrorMap(TokenRefusedException.class, BearerTokenRefusedException::new);
    }
}
