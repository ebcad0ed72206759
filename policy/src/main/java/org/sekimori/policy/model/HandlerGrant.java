package org.sekimori.policy.model;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;

/**
 * A grant to one handler by user ID rather than to a role: what an approved grant request gives.
 * It always ends, after {@code lastDay} in the policy's time zone, and scopes no records.
 *
 * @param requestId the approved request it comes from, which decisions name as their rule
 */
public record HandlerGrant(String requestId, String userId, String dataSystem, Set<Action> actions,
        Set<String> purposes, Map<String, Treatment> items, LocalDate lastDay) {

    public HandlerGrant {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(dataSystem, "dataSystem");
        actions = Set.copyOf(actions);
        purposes = Set.copyOf(purposes);
        items = Map.copyOf(items);
        Objects.requireNonNull(lastDay, "lastDay");
    }

    /** Its terms as a grant the compiler reads: held by no role, valid until its last day. */
    public Grant terms() {
        return new Grant(requestId, "", dataSystem, actions, purposes, items,
                new Conditions(Optional.empty(), java.util.List.of(), false, Optional.of(lastDay)), Optional.empty());
    }
}
