package org.sekimori.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.DirectoryFile;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the ledger and the directory at startup. Any problem stops startup with every error
 * listed: a gateway that is half-configured would let through, or refuse, the wrong requests.
 */
@Configuration(proxyBeanMethods = false)
public class AccessModelConfiguration {

    @Bean
    Ledger ledger(SekimoriProperties properties) {
        Ledger ledger = LedgerFile.load(properties.ledger());
        checkEveryDataSystemHasExactlyOneUpstream(ledger, properties);
        return ledger;
    }

    @Bean
    Directory directory(SekimoriProperties properties) {
        return DirectoryFile.load(properties.directory());
    }

    private static void checkEveryDataSystemHasExactlyOneUpstream(Ledger ledger, SekimoriProperties properties) {
        String file = properties.ledger().toString();
        List<ConfigurationError> errors = new ArrayList<>();
        Set<String> registered = new TreeSet<>();
        for (DataSystem dataSystem : ledger.dataSystems()) {
            registered.add(dataSystem.id());
            if (!properties.upstreams().containsKey(dataSystem.id())) {
                errors.add(new ConfigurationError(file, 0, "", "data system '" + dataSystem.id()
                        + "' has no upstream; set sekimori.upstreams." + dataSystem.id() + " to its base URI"));
            }
        }
        for (String id : properties.upstreams().keySet()) {
            if (!registered.contains(id)) {
                errors.add(new ConfigurationError(file, 0, "", "sekimori.upstreams." + id + " names no data system "
                        + "in the ledger (registered: " + String.join(", ", registered)
                        + "); register it in the ledger or remove the upstream"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }
}
