package org.sekimori.policy.model;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal-data system as the ledger (個人情報管理台帳) describes it: what it is, where it is
 * kept, how long, how it is deleted, what it holds and what it may be used for. Holds no
 * personal data.
 */
public record DataSystem(
        String id,
        String name,
        String kind,
        String medium,
        String storageLocation,
        String responsible,
        Period retention,
        String deletionMethod,
        List<Purpose> purposes,
        List<DataItem> items,
        List<Route> routes) {

    public DataSystem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retention, "retention");
        purposes = List.copyOf(purposes);
        items = List.copyOf(items);
        routes = List.copyOf(routes);
    }

    public Optional<DataItem> item(String itemName) {
        return items.stream().filter(item -> item.name().equals(itemName)).findFirst();
    }

    /** The item that identifies the person in each record. */
    public DataItem subjectKey() {
        return items.stream().filter(DataItem::subjectKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("data system '" + id + "' has no subject key item"));
    }

    public Optional<Purpose> purpose(String purposeId) {
        return purposes.stream().filter(purpose -> purpose.id().equals(purposeId)).findFirst();
    }
}
