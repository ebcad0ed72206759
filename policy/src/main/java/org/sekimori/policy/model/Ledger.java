package org.sekimori.policy.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of personal-data systems. The same ledger drives routing and policy, so what the
 * gateway lets through cannot drift from what the organisation has registered.
 */
public final class Ledger {

    private final Map<String, DataSystem> dataSystems = new LinkedHashMap<>();

    public Ledger(List<DataSystem> dataSystems) {
        for (DataSystem dataSystem : dataSystems) {
            if (this.dataSystems.putIfAbsent(dataSystem.id(), dataSystem) != null) {
                throw new IllegalArgumentException("data system '" + dataSystem.id() + "' is registered twice");
            }
        }
    }

    /** In the order the ledger lists them. */
    public List<DataSystem> dataSystems() {
        return List.copyOf(dataSystems.values());
    }

    public Optional<DataSystem> dataSystem(String id) {
        return Optional.ofNullable(dataSystems.get(id));
    }
}
