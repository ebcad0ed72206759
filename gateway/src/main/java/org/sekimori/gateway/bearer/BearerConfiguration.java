package org.sekimori.gateway.bearer;

import java.time.Clock;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Directory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Bearer access tokens from the configured external issuers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenIssuerProperties.class)
public class BearerConfiguration {

    @Bean
    TrustedIssuers trustedIssuers(TokenIssuerProperties properties, Clock clock) {
        return new TrustedIssuers(properties, clock);
    }

    /** Not a {@code ReactiveAuthenticationManager} bean: Spring Security would take it for the password login's. */
    @Bean
    BearerTokenFilter bearerTokenFilter(TrustedIssuers issuers, Directory directory, CurrentPolicy policy,
            Clock clock, JsonResponses responses) {
        return new BearerTokenFilter(new BearerAuthenticationManager(issuers,
                new TokenHandlers(directory, policy, clock), clock), responses);
    }

    @EventListener(ApplicationReadyEvent.class)
    void prefetchKeys(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(TrustedIssuers.class).prefetch();
    }
}
