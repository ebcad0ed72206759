package org.sekimori.gateway.history;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.directory.CurrentDirectory;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The history of the policy and the directory: the versions in force at start are noted, and every
 * later one as it is put in force; from it, the rights at a past moment.
 */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    ConfigurationHistory configurationHistory(CredentialDatabase database, GrantRequestStore migrated,
            AuditTrail trail, CurrentPolicy policy, CurrentDirectory directory, Clock clock) {
        ConfigurationHistory history = new ConfigurationHistory(database.dataSource(), trail.chain());
        for (var target : java.util.List.of(policy, directory)) {
            history.inForce(target.name(), target.written(), clock.instant());
            target.whenInForce(written -> {
                try {
                    history.inForce(target.name(), written, clock.instant());
                } catch (RuntimeException e) {
                    // The version is in force already: a change must not be undone for want of its history.
                    org.slf4j.LoggerFactory.getLogger(HistoryConfiguration.class).error("Version {} of the {} is "
                            + "in force but not in its history: {}", written.version(), target.name(), e.getMessage());
                }
            });
        }
        return history;
    }

    @Bean
    RouterFunction<ServerResponse> rightsAtRoutes(ConfigurationHistory history, CurrentPolicy policy,
            CurrentDirectory directory, GrantRequestStore requests, Ledger ledger, JsonResponses responses) {
        return new RightsAtEndpoints(history, policy, directory, requests, ledger, responses).routes();
    }
}
