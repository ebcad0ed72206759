package org.sekimori.policy.compile;

import java.util.Map;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Reason;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.model.Grant;

/**
 * A grant ready to evaluate: its actions as a bit set, its conditions resolved, and its
 * obligations built for each purpose it may serve, with and without the consent gate.
 */
final class CompiledGrant {

    final Grant grant;
    final String rule;
    private final int actions;
    private final CompiledConditions conditions;
    private final Map<String, Obligations> open;
    private final Map<String, Obligations> gated;

    CompiledGrant(Grant grant, String rule, CompiledConditions conditions, Map<String, Obligations> open,
            Map<String, Obligations> gated) {
        this.grant = grant;
        this.rule = rule;
        this.actions = ActionBits.of(grant.actions());
        this.conditions = conditions;
        this.open = open;
        this.gated = gated;
    }

    boolean allows(Action action) {
        return ActionBits.contains(actions, action);
    }

    boolean serves(String purpose) {
        return grant.purposes().contains(purpose);
    }

    Reason check(AccessRequest request) {
        return conditions.check(request);
    }

    /** What this grant obliges for {@code purpose}; {@code consentGate} removes unconsented sensitive items. */
    Obligations obligations(String purpose, boolean consentGate) {
        return (consentGate ? gated : open).get(purpose);
    }
}
