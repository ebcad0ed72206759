package org.sekimori.gateway.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sekimori.gateway.changes.FileChangeTarget;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;

/**
 * The ledger of personal-data systems as a file changed only with a second administrator's
 * approval, for what it says of each data system: its purposes, data items and their
 * classification, and how it is kept (kind, medium, storage, responsible person, retention,
 * deletion). Data systems and their routes drive the gateway's routing, built at start: a proposal
 * that adds, removes or re-routes a data system is refused (change the file and restart). The
 * policy and the subject register in force must still hold against the proposed ledger; applied,
 * both are compiled against it at once.
 */
public final class CurrentLedger extends FileChangeTarget {

    private final Ledger ledger;
    private final CurrentPolicy policy;

    CurrentLedger(Ledger ledger, Path file, CurrentPolicy policy) {
        super(file);
        this.ledger = ledger;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    protected Runnable prepare(Path candidate) {
        Ledger next = LedgerFile.load(candidate);
        List<ConfigurationError> errors = new ArrayList<>(sameSystemsAndRoutes(next));
        if (errors.isEmpty()) {
            errors.addAll(policy.checkAgainst(next));
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return () -> {
            ledger.replace(next);
            policy.ledgerReplaced();
        };
    }

    private List<ConfigurationError> sameSystemsAndRoutes(Ledger next) {
        List<ConfigurationError> errors = new ArrayList<>();
        List<String> now = ledger.dataSystems().stream().map(DataSystem::id).toList();
        List<String> proposed = next.dataSystems().stream().map(DataSystem::id).toList();
        if (!now.equals(proposed)) {
            errors.add(new ConfigurationError(file().toString(), 0, "dataSystems", "must stay " + now + ", not "
                    + proposed + ": data systems are added or removed by changing the file and restarting, since "
                    + "routing is built at start"));
            return errors;
        }
        for (DataSystem system : next.dataSystems()) {
            if (!system.routes().equals(ledger.dataSystem(system.id()).orElseThrow().routes())) {
                errors.add(new ConfigurationError(file().toString(), 0, system.id() + ".routes", "must stay as "
                        + "they are: routes change by changing the file and restarting, since routing is built at "
                        + "start"));
            }
        }
        return errors;
    }
}
