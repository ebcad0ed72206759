package org.sekimori.gateway.directory;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.PasswordHasher;
import org.sekimori.keys.SealedText;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.GrantRequestSync;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.session.HandlerSessions;
import org.sekimori.policy.model.Directory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The directory of handlers as a file that changes with a second administrator's approval, and
 * what administrators do for a handler's credentials.
 */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    CurrentDirectory currentDirectory(Directory directory, SekimoriProperties properties, CurrentPolicy policy,
            CredentialStore credentials, HandlerSessions sessions, GrantRequestSync grants, Clock clock) {
        CurrentDirectory current = new CurrentDirectory(directory, properties.directory(), policy, credentials,
                sessions, clock);
        current.whenInForce(written -> grants.directoryChanged());
        return current;
    }

    @Bean
    RouterFunction<ServerResponse> handlerRoutes(Directory directory, CredentialStore credentials,
            PasswordHasher hasher, HandlerSessions sessions, AuditTrail trail, SealedText sealing, SmallJsonBody body,
            JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return new HandlerEndpoints(directory, credentials, hasher, sessions, trail, sealing, body, responses, clock)
                .routes(stepUp, elevation);
    }
}
