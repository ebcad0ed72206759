package org.sekimori.gateway.changes;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Four-eyes policy changes, kept in the directory's database beside grant requests. */
@Configuration(proxyBeanMethods = false)
public class PolicyChangesConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    RouterFunction<ServerResponse> policyChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentPolicy policy, AuditTrail trail, SealedText sealing, SmallJsonBody body, JsonResponses responses,
            Clock clock, StepUp stepUp) {
        return new PolicyChangeEndpoints(new PolicyChangeStore(database.dataSource()), policy, trail, sealing, body,
                responses, clock).routes(stepUp);
    }
}
