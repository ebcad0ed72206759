package org.sekimori.policy.compile;

import java.util.Set;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Reason;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.model.Denial;

/** A denial ready to evaluate. */
final class CompiledDenial {

    final String rule;
    private final Denial denial;
    private final int actions;
    private final CompiledConditions conditions;

    CompiledDenial(Denial denial, CompiledConditions conditions) {
        this.denial = denial;
        this.rule = RuleIds.denial(denial.id());
        this.actions = ActionBits.of(denial.actions());
        this.conditions = conditions;
    }

    /** True when this denial forbids the request. */
    boolean forbids(AccessRequest request, Set<String> roles, String purpose) {
        return ActionBits.contains(actions, request.action())
                && (denial.roles().isEmpty() || intersects(denial.roles(), roles))
                && (denial.purposes().isEmpty() || denial.purposes().contains(purpose))
                && conditions.check(request) == Reason.PERMITTED;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String role : b) {
            if (a.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
