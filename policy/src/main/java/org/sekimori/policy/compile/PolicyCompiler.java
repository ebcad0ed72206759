package org.sekimori.policy.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.Classification;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Denial;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Policy;
import org.sekimori.policy.model.Purpose;
import org.sekimori.policy.model.Role;
import org.sekimori.policy.model.TimeWindow;

/**
 * Turns a validated policy into its runnable form: rules indexed by data system and role, action
 * sets as bits, conditions resolved, and each grant's obligations built for every purpose it can
 * serve, so that deciding a request builds nothing in the common case.
 */
public final class PolicyCompiler {

    private PolicyCompiler() {
    }

    public static CompiledPolicy compile(Policy policy, Ledger ledger, SubjectRegister register, String version) {
        return compile(policy, ledger, register, version, List.of());
    }

    /**
     * As {@link #compile(Policy, Ledger, SubjectRegister, String)}, with the grants held by single
     * handlers from approved requests; one on a data system the ledger does not have is left out.
     */
    public static CompiledPolicy compile(Policy policy, Ledger ledger, SubjectRegister register, String version,
            List<HandlerGrant> handlerGrants) {
        Map<String, TimeWindow> windows = policy.timeWindows().stream()
                .collect(Collectors.toMap(TimeWindow::id, Function.identity()));
        Map<String, SystemRules> systems = new HashMap<>();
        for (DataSystem system : ledger.dataSystems()) {
            Map<String, List<CompiledGrant>> byRole = new HashMap<>();
            for (Grant grant : policy.grants()) {
                if (grant.dataSystem().equals(system.id())) {
                    byRole.computeIfAbsent(grant.role(), role -> new ArrayList<>())
                            .add(compile(grant, system, policy, windows, register));
                }
            }
            byRole.replaceAll((role, grants) -> List.copyOf(grants));
            Map<String, List<CompiledGrant>> byHandler = new HashMap<>();
            for (HandlerGrant held : handlerGrants) {
                if (held.dataSystem().equals(system.id())) {
                    byHandler.computeIfAbsent(held.userId(), userId -> new ArrayList<>()).add(compile(held.terms(policy.grants()), system,
                            policy, windows, register));
                }
            }
            byHandler.replaceAll((userId, grants) -> List.copyOf(grants));
            List<CompiledDenial> denials = new ArrayList<>();
            for (Denial denial : policy.denials()) {
                if (denial.dataSystem().equals(system.id())) {
                    denials.add(new CompiledDenial(denial, conditions(denial.conditions(), policy, windows)));
                }
            }
            Map<String, Purpose> purposes = new LinkedHashMap<>();
            system.purposes().forEach(purpose -> purposes.put(purpose.id(), purpose));
            systems.put(system.id(), new SystemRules(system, Map.copyOf(purposes), sensitiveItems(system),
                    Map.copyOf(byRole), Map.copyOf(byHandler), List.copyOf(denials)));
        }
        Map<String, Role> roles = policy.roles().stream().collect(Collectors.toMap(Role::id, Function.identity()));
        return new CompiledPolicy(version, policy, systems, roles, register, List.copyOf(handlerGrants));
    }

    private static CompiledGrant compile(Grant grant, DataSystem system, Policy policy,
            Map<String, TimeWindow> windows, SubjectRegister register) {
        Set<String> sensitive = sensitiveItems(system);
        Set<String> gated = new HashSet<>();
        grant.items().forEach((item, treatment) -> {
            if (sensitive.contains(item) && !(treatment instanceof Treatment.Remove)) {
                gated.add(item);
            }
        });
        Map<String, Obligations> open = new HashMap<>();
        Map<String, Obligations> consentGated = new HashMap<>();
        String subjectKey = system.subjectKey().name();
        // Every registered purpose, not only the grant's: an invoked exception can stretch a grant to any of them.
        for (Purpose purpose : system.purposes()) {
            open.put(purpose.id(), new Obligations(system.id(), purpose.id(), subjectKey, grant.items(), Set.of(),
                    register));
            consentGated.put(purpose.id(), new Obligations(system.id(), purpose.id(), subjectKey, grant.items(),
                    gated, register));
        }
        return new CompiledGrant(grant, RuleIds.of(grant), conditions(grant.conditions(), policy, windows), Map.copyOf(open),
                Map.copyOf(consentGated));
    }

    private static CompiledConditions conditions(org.sekimori.policy.model.Conditions conditions, Policy policy,
            Map<String, TimeWindow> windows) {
        return new CompiledConditions(conditions, conditions.timeWindow().map(windows::get).orElse(null),
                policy.zone(), policy.holidays());
    }

    private static Set<String> sensitiveItems(DataSystem system) {
        return system.items().stream().filter(item -> item.classification() == Classification.SENSITIVE)
                .map(DataItem::name).collect(Collectors.toUnmodifiableSet());
    }
}
