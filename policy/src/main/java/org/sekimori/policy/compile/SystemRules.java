package org.sekimori.policy.compile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Purpose;

/** Everything the engine needs about one data system, its grants indexed by role and by handler. */
record SystemRules(
        DataSystem dataSystem,
        Map<String, Purpose> purposes,
        Set<String> sensitiveItems,
        Map<String, List<CompiledGrant>> grantsByRole,
        Map<String, List<CompiledGrant>> grantsByHandler,
        List<CompiledDenial> denials) {

    List<CompiledGrant> grants(String role) {
        return grantsByRole.getOrDefault(role, List.of());
    }

    List<CompiledGrant> handlerGrants(String userId) {
        return grantsByHandler.getOrDefault(userId, List.of());
    }
}
