package org.sekimori.gateway.external;

import java.time.Clock;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.tokens.TokenProperties;
import org.sekimori.keys.token.TokenSigningKey;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Directory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/** Bearer access tokens from the configured external issuers, and browser login at one of them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenIssuerProperties.class)
public class BearerConfiguration {

    @Bean
    TrustedIssuers trustedIssuers(TokenIssuerProperties properties, TokenProperties own, TokenSigningKey ownKey,
            Clock clock) {
        return new TrustedIssuers(properties, own, ownKey, clock);
    }

    @Bean
    TokenHandlers tokenHandlers(Directory directory, CurrentPolicy policy, Clock clock) {
        return new TokenHandlers(directory, policy, clock);
    }

    /** Not a {@code ReactiveAuthenticationManager} bean: Spring Security would take it for the password login's. */
    @Bean
    BearerTokenFilter bearerTokenFilter(TrustedIssuers issuers, TokenHandlers handlers, Clock clock,
            JsonResponses responses) {
        return new BearerTokenFilter(new BearerAuthenticationManager(issuers, handlers, clock), responses);
    }

    /**
     * Browser login at the external provider, when configured. The provider sends the browser back
     * from its own site, which a SameSite=Strict session cookie would not survive; Lax still keeps
     * the cookie off cross-site POSTs, and CSRF tokens guard every change.
     */
    @Bean
    OidcBrowserLogin oidcBrowserLogin(TokenIssuerProperties properties, TokenHandlers handlers,
            WebSessionIdResolver sessionIds) {
        if (properties.browserLogin() != null && sessionIds instanceof CookieWebSessionIdResolver cookies) {
            cookies.addCookieInitializer(cookie -> cookie.sameSite("Lax"));
        }
        return new OidcBrowserLogin(properties, handlers);
    }

    @EventListener(ApplicationReadyEvent.class)
    void prefetchKeys(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(TrustedIssuers.class).prefetch();
    }
}
