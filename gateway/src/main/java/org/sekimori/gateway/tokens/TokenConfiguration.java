package org.sekimori.gateway.tokens;

import java.io.IOException;
import java.time.Clock;
import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.keys.token.TokenSigningKey;
import org.sekimori.policy.model.Directory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The access tokens the gateway issues, and the key it signs them with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenConfiguration {

    @Bean
    TokenSigningKey tokenSigningKey(TokenProperties properties) throws IOException {
        return TokenSigningKey.loadOrCreate(properties.signingKey());
    }

    @Bean
    TokenMinter tokenMinter(TokenSigningKey key, TokenProperties properties, Clock clock) {
        return new TokenMinter(key, properties, clock);
    }

    @Bean
    RouterFunction<ServerResponse> tokenRoutes(TokenProperties properties, TokenMinter minter, TokenSigningKey key,
            PasswordHasher hasher, CredentialStore store, LoginProperties login, ClientAddress clients,
            Directory directory, CurrentPolicy policy, Clock clock) {
        ClientSecrets secrets = new ClientSecrets(hasher, store, login.lockout(), clock);
        return new TokenEndpoints(properties, minter, key, secrets, clients, directory, policy, clock).routes();
    }
}
