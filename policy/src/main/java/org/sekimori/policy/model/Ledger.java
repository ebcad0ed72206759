package org.sekimori.policy.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of personal-data systems. The same ledger drives routing and policy, so what the
 * gateway lets through cannot drift from what the organisation has registered. One ledger is in
 * force for the gateway's life; an approved change {@link #replace replaces} its entries whole.
 */
public final class Ledger {

    private volatile Map<String, DataSystem> dataSystems;

    public Ledger(List<DataSystem> dataSystems) {
        Map<String, DataSystem> byId = new LinkedHashMap<>();
        for (DataSystem dataSystem : dataSystems) {
            if (byId.putIfAbsent(dataSystem.id(), dataSystem) != null) {
                throw new IllegalArgumentException("data system '" + dataSystem.id() + "' is registered twice");
            }
        }
        this.dataSystems = byId;
    }

    /** Puts the entries of {@code next} in force in place of these. */
    public void replace(Ledger next) {
        dataSystems = next.dataSystems;
    }

    /** In the order the ledger lists them. */
    public List<DataSystem> dataSystems() {
        return List.copyOf(dataSystems.values());
    }

    public Optional<DataSystem> dataSystem(String id) {
        return Optional.ofNullable(dataSystems.get(id));
    }
}
