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
 * Four-eyes changes of the configuration files — the ledger, the policy, the directory, the
 * subject register (use stops and consents) and the export recipients — kept in the directory's
 * database beside grant requests, recorded through an outbox and applied on every instance.
 */
@Configuration(proxyBeanMethods = false)
public class ChangesConfiguration {

    /** The files, each with its store (after the grant requests' store, whose migration makes the tables). */
    @Bean
    ChangeTargets changeTargets(CredentialDatabase database, GrantRequestStore migrated, AuditTrail trail,
            CurrentLedger ledger, CurrentPolicy policy, CurrentDirectory directory, CurrentSubjects subjects,
            CurrentRecipients recipients) {
        Map<ChangeTarget, ChangeStore> stores = new LinkedHashMap<>();
        for (ChangeTarget target : List.of(ledger, policy, directory, subjects, recipients)) {
            stores.put(target, new ChangeStore(database.dataSource(), target.name(), trail.chain()));
        }
        return new ChangeTargets(stores);
    }

    @Bean
    ChangeRecords changeRecords(AuditTrail trail, SealedText sealing) {
        return new ChangeRecords(trail, sealing);
    }

    @Bean
    RouterFunction<ServerResponse> changeRoutes(ChangeTargets targets, ChangeRecords records, AuditTrail trail,
            SmallJsonBody body, JsonResponses responses, Clock clock, StepUp stepUp, ElevationCheck elevation) {
        return targets.stores().entrySet().stream()
                .map(target -> new ChangeEndpoints(target.getKey(), target.getValue(), records, trail, body,
                        responses, clock).routes(stepUp, elevation))
                .reduce(RouterFunction::and).orElseThrow();
    }

    /** Applies on this instance the changes approved on others, and writes what waits for the trail. */
    @Bean
    ChangeSync changeSync(ChangeTargets targets, ChangeRecords records, GrantRequestProperties properties) {
        return new ChangeSync(targets.stores(), records, properties.checkInterval());
    }

    /** The files that change under four eyes, in the order a catching-up instance applies them. */
    record ChangeTargets(Map<ChangeTarget, ChangeStore> stores) {
    }
}
