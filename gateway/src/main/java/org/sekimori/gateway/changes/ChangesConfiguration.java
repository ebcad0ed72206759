package org.sekimori.gateway.changes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.directory.CurrentDirectory;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.export.CurrentRecipients;
import org.sekimori.gateway.grants.GrantRequestProperties;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.policy.CurrentLedger;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.policy.CurrentSubjects;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Four-eyes changes of the policy, the directory and the subject register (use stops and
 * consents), kept in the directory's database beside grant requests.
 */
@Configuration(proxyBeanMethods = false)
public class ChangesConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    RouterFunction<ServerResponse> policyChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentPolicy policy, AuditTrail trail, SealedText sealing, SmallJsonBody body, JsonResponses responses,
            Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return routes(policy, database, trail, sealing, body, responses, clock, stepUp, elevation);
    }

    @Bean
    RouterFunction<ServerResponse> directoryChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentDirectory directory, AuditTrail trail, SealedText sealing, SmallJsonBody body,
            JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return routes(directory, database, trail, sealing, body, responses, clock, stepUp, elevation);
    }

    @Bean
    RouterFunction<ServerResponse> subjectsChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentSubjects subjects, AuditTrail trail, SealedText sealing, SmallJsonBody body,
            JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return routes(subjects, database, trail, sealing, body, responses, clock, stepUp, elevation);
    }

    @Bean
    RouterFunction<ServerResponse> ledgerChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentLedger ledger, AuditTrail trail, SealedText sealing, SmallJsonBody body,
            JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return routes(ledger, database, trail, sealing, body, responses, clock, stepUp, elevation);
    }

    @Bean
    RouterFunction<ServerResponse> recipientsChangeRoutes(CredentialDatabase database, GrantRequestStore migrated,
            CurrentRecipients recipients, AuditTrail trail, SealedText sealing, SmallJsonBody body,
            JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return routes(recipients, database, trail, sealing, body, responses, clock, stepUp, elevation);
    }

    /** Applies on this instance the changes approved on others (sharing the database). */
    @Bean
    ChangeSync changeSync(CredentialDatabase database, GrantRequestStore migrated, CurrentPolicy policy,
            CurrentDirectory directory, CurrentSubjects subjects, CurrentLedger ledger,
            CurrentRecipients recipients, GrantRequestProperties properties) {
        Map<ChangeTarget, ChangeStore> targets = new LinkedHashMap<>();
        for (ChangeTarget target : List.of(ledger, policy, directory, subjects, recipients)) {
            targets.put(target, new ChangeStore(database.dataSource(), target.name()));
        }
        return new ChangeSync(targets, properties.checkInterval());
    }

    private static RouterFunction<ServerResponse> routes(ChangeTarget target, CredentialDatabase database,
            AuditTrail trail, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock,
            StepUp stepUp, ElevationCheck elevation) {
        return new ChangeEndpoints(target, new ChangeStore(database.dataSource(), target.name()), trail, sealing,
                body, responses, clock).routes(stepUp, elevation);
    }
}
