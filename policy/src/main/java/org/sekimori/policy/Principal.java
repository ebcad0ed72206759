package org.sekimori.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authenticated handler a request is made by, as the decision needs them.
 *
 * @param userId the handler's individual user ID
 * @param roles the roles the directory gives them
 * @param mfa whether this session was authenticated with a second factor
 * @param attributes named values from the directory that grants can scope records by (e.g. the
 *     municipalities a nurse covers)
 */
public record Principal(String userId, Set<String> roles, boolean mfa, Map<String, Set<String>> attributes) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        // Sorted, so that which grant decides first never depends on hash order.
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
        attributes = Map.copyOf(attributes);
    }

    public Set<String> attribute(String name) {
        return attributes.getOrDefault(name, Set.of());
    }
}
