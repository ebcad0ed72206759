package org.sekimori.gateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.gateway.tls.UpstreamTls;
import org.sekimori.keys.PseudonymKey;
import org.sekimori.keys.Pseudonyms;
import org.sekimori.policy.mask.Pseudonymiser;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access policy in force, how it is reloaded, the route tables of the data systems and the
 * key that pseudonymises items. An invalid policy or subject file stops startup with every error.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyConfiguration {

    @Bean
    CurrentPolicy currentPolicy(Ledger ledger, Directory directory, SekimoriProperties properties) {
        return new CurrentPolicy(ledger, directory, properties.directory(), properties.policy(), properties.subjects());
    }

    @Bean
    CurrentLedger currentLedger(Ledger ledger, SekimoriProperties properties, CurrentPolicy policy) {
        return new CurrentLedger(ledger, properties.ledger(), policy);
    }

    @Bean
    CurrentSubjects currentSubjects(CurrentPolicy policy, SekimoriProperties properties, Ledger ledger) {
        return new CurrentSubjects(policy, properties.subjects(), ledger);
    }

    @Bean
    PolicyReloader policyReloader(CurrentPolicy policy, SekimoriProperties properties) {
        return new PolicyReloader(policy, properties.policy(), properties.subjects(), properties.policyReloadInterval());
    }

    @Bean
    DataSystemRouteTables dataSystemRouteTables(Ledger ledger) {
        return new DataSystemRouteTables(ledger);
    }

    @Bean
    WriteBodies writeBodies(SekimoriProperties properties) {
        return new WriteBodies((int) properties.maxMaskedBodySize().toBytes());
    }

    @Bean
    ScopedWrites scopedWrites(SekimoriProperties properties, DataSystemRouteTables routes,
            UpstreamTls tls) {
        return new ScopedWrites(properties.upstreams(), routes, (int) properties.maxMaskedBodySize().toBytes(), tls);
    }

    @Bean
    Pseudonymiser pseudonymiser(SekimoriProperties properties) {
        try {
            Pseudonyms pseudonyms = new Pseudonyms(PseudonymKey.loadOrCreate(properties.pseudonymKey(),
                    new SecureRandom()));
            return pseudonyms::pseudonym;
        } catch (IOException e) {
            throw new UncheckedIOException("The pseudonym key cannot be read or created: " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
