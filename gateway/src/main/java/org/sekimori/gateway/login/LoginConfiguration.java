package org.sekimori.gateway.login;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.keys.Argon2Parameters;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.model.Directory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The credential store, seeded from the directory, and the login steps that use it. */
@Configuration(proxyBeanMethods = false)
public class LoginConfiguration {

    private static final Log log = LogFactory.getLog(LoginConfiguration.class);

    @Bean(destroyMethod = "close")
    CredentialDatabase credentialDatabase(LoginProperties properties) {
        return CredentialDatabase.open(properties);
    }

    @Bean
    CredentialStore credentialStore(CredentialDatabase database, Directory directory, Clock clock) {
        CredentialStore store = new CredentialStore(database.dataSource());
        int added = store.seed(directory.handlers(), clock.instant());
        if (added > 0) {
            log.info("Credential store: initial passwords of " + added + " handler(s) taken from the directory");
        }
        return store;
    }

    @Bean
    PasswordHasher passwordHasher(LoginProperties properties) {
        LoginProperties.Passwords passwords = properties.passwords();
        return new PasswordHasher(new Argon2Parameters(passwords.memoryKib(), passwords.iterations(),
                passwords.parallelism()), new SecureRandom());
    }

    @Bean
    PasswordLogin passwordLogin(Directory directory, CredentialStore store, PasswordHasher hasher,
            CurrentPolicy policy, LoginProperties properties, Clock clock) {
        return new PasswordLogin(directory, store, hasher, policy, properties, clock);
    }

    @Bean
    SecondFactor secondFactor(CredentialStore store, LoginProperties properties) throws IOException {
        // A key of its own: the audit trail's sealing key opens justifications, not authenticator secrets.
        SealedText sealing = SealedText.loadOrCreate(properties.sealingKey(), new SecureRandom());
        // Codes follow the handler's phone, so always the real time, even where the gateway's clock is set.
        return new SecondFactor(store, sealing, properties.mfa(), Clock.systemUTC());
    }

    @Bean
    PasswordChange passwordChange(CredentialStore store, PasswordHasher hasher, LoginProperties properties,
            Clock clock) {
        return new PasswordChange(store, hasher, new PasswordRules(hasher, properties.passwords()), properties, clock);
    }
}
