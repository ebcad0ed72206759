package org.sekimori.policy.model;

import java.util.Objects;
import java.util.Set;
import org.sekimori.policy.Action;

/**
 * Forbids actions on a data system whatever any grant says, while its conditions hold. Empty
 * {@code roles} or {@code purposes} mean every role or every purpose.
 */
public record Denial(String id, Set<String> roles, String dataSystem, Set<Action> actions, Set<String> purposes,
        Conditions conditions) {

    public Denial {
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(dataSystem, "dataSystem");
        actions = Set.copyOf(actions);
        purposes = Set.copyOf(purposes);
        Objects.requireNonNull(conditions, "conditions");
    }
}
