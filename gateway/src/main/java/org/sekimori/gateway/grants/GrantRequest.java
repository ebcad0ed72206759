package org.sekimori.gateway.grants;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.HandlerGrant;

/**
 * One grant request as stored: its terms, where it stands, who decided and who ended it.
 *
 * @param endsAt when an approved grant stops, the start of the day after its last day
 */
public record GrantRequest(String id, String requester, RequestedTerms terms, Instant endsAt,
        GrantRequestState state, Instant requestedAt, Optional<Decided> decided, Optional<Decided> ended) {

    /** Who decided or ended a request, when, and what they wrote. */
    public record Decided(String by, Instant at, String comment) {
    }

    /** The grant an approved request gives its requester, who holds {@code roles}. */
    public HandlerGrant grant(java.util.Set<String> roles) {
        Map<String, Treatment> items = new LinkedHashMap<>();
        terms.items().forEach((item, treatment) -> items.put(item, Treatment.parse(treatment).orElseThrow()));
        return new HandlerGrant(id, requester, roles, terms.dataSystem(), terms.actions().stream()
                .map(action -> Action.valueOf(action.toUpperCase(Locale.ROOT))).collect(Collectors.toSet()),
                java.util.Set.copyOf(terms.purposes()), items, terms.lastDay());
    }
}
