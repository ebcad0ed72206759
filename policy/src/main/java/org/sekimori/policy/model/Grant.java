package org.sekimori.policy.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;

/**
 * Gives a role, on one data system, a set of actions for a set of purposes, over data items each
 * shown in the form {@code items} says; an item not listed is removed.
 *
 * @param role the role holding it; empty in the terms of a {@link HandlerGrant}, which one handler holds
 * @param rows when present, only the records in the handler's scope
 */
public record Grant(String id, String role, String dataSystem, Set<Action> actions, Set<String> purposes,
        Map<String, Treatment> items, Conditions conditions, Optional<RowScope> rows) {

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dataSystem, "dataSystem");
        actions = Set.copyOf(actions);
        purposes = Set.copyOf(purposes);
        items = Map.copyOf(items);
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(rows, "rows");
    }
}
