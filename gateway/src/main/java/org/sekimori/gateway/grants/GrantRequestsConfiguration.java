package org.sekimori.gateway.grants;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grant requests: kept in the directory's database beside the credentials (PostgreSQL when
 * configured, shared by every instance), their grants compiled into the policy in force.
 */
@Configuration(proxyBeanMethods = false)
public class GrantRequestsConfiguration {

    @Bean
    GrantRequestStore grantRequestStore(CredentialDatabase database, JsonMapper json, AuditTrail trail) {
        return new GrantRequestStore(database.dataSource(), json, trail.chain());
    }

    @Bean
    GrantRequestSync grantRequestSync(GrantRequestStore store, CurrentPolicy policy, Directory directory,
            AuditTrail trail, SealedText sealing, Clock clock, GrantRequestProperties properties) {
        return new GrantRequestSync(store, policy, directory, trail, new GrantRequestRecords(sealing), clock,
                properties.checkInterval());
    }

    @Bean
    RouterFunction<ServerResponse> grantRequestRoutes(GrantRequestStore store, GrantRequestSync sync, Ledger ledger,
            CurrentPolicy policy, Directory directory, SmallJsonBody body, JsonResponses responses, Clock clock,
            GrantRequestProperties properties) {
        return new GrantRequestEndpoints(store, sync, new TermsReader(ledger, properties.maxPeriod()), policy,
                directory, body, responses, clock).routes();
    }

    @Bean
    RouterFunction<ServerResponse> grantDecisionRoutes(GrantRequestStore store, GrantRequestSync sync,
            AuditTrail trail, CurrentPolicy policy, Directory directory, SmallJsonBody body, JsonResponses responses,
            Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return new GrantDecisionEndpoints(store, sync, trail, policy, directory, body, responses, clock)
                .routes(stepUp, elevation);
    }
}
