package org.sekimori.gateway.directory;

import java.time.Clock;
import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.session.HandlerSessions;
import org.sekimori.policy.model.Directory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory of handlers as a file that changes with a second administrator's approval. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    CurrentDirectory currentDirectory(Directory directory, SekimoriProperties properties, CurrentPolicy policy,
            CredentialStore credentials, HandlerSessions sessions, Clock clock) {
        return new CurrentDirectory(directory, properties.directory(), policy, credentials, sessions, clock);
    }
}
