package org.sekimori.policy.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;

/**
 * A grant to one handler by user ID rather than to a role: what an approved grant request gives.
 * It always ends, after {@code lastDay} in the policy's time zone. It widens what a handler may do
 * or see, never where or when: it is bounded as the grants of the handler's roles on the same data
 * system all are (see {@link #terms}).
 *
 * @param requestId the approved request it comes from, which decisions name as their rule
 * @param roles the roles the handler holds, whose grants bound this one
 */
public record HandlerGrant(String requestId, String userId, Set<String> roles, String dataSystem,
        Set<Action> actions, Set<String> purposes, Map<String, Treatment> items, LocalDate lastDay) {

    public HandlerGrant {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(dataSystem, "dataSystem");
        actions = Set.copyOf(actions);
        purposes = Set.copyOf(purposes);
        items = Map.copyOf(items);
        Objects.requireNonNull(lastDay, "lastDay");
    }

    /**
     * Its terms as a grant, held by no role, valid until its last day, and bounded as the grants of
     * its holder's roles on the same data system among {@code policyGrants} all are: a record scope,
     * time window, networks or second factor that every one of them sets (the first grant's, where
     * they differ), since where even one of them needs none the handler already reaches that far.
     * A handler whose roles hold no grant there is bounded by nothing but the last day.
     */
    public Grant terms(List<Grant> policyGrants) {
        List<Grant> roleGrants = policyGrants.stream()
                .filter(grant -> grant.dataSystem().equals(dataSystem) && roles.contains(grant.role())).toList();
        boolean any = !roleGrants.isEmpty();
        Optional<RowScope> rows = any && roleGrants.stream().allMatch(grant -> grant.rows().isPresent())
                ? roleGrants.get(0).rows() : Optional.empty();
        Optional<String> window = any && roleGrants.stream()
                .allMatch(grant -> grant.conditions().timeWindow().isPresent())
                ? roleGrants.get(0).conditions().timeWindow() : Optional.empty();
        List<NetworkRange> networks = any && roleGrants.stream()
                .allMatch(grant -> !grant.conditions().networks().isEmpty())
                ? roleGrants.get(0).conditions().networks() : List.of();
        boolean mfa = any && roleGrants.stream().allMatch(grant -> grant.conditions().mfa());
        return new Grant(requestId, "", dataSystem, actions, purposes, items,
                new Conditions(window, networks, mfa, Optional.of(lastDay)), rows);
    }
}
