package org.sekimori.policy.load;

import java.util.Map;
import java.util.Set;
import org.sekimori.policy.SubjectRegister;

/** Use stops and consents as loaded from a file; immutable, so a reload swaps in a new one. */
final class SubjectLists implements SubjectRegister {

    record OfSystem(Set<String> useStopped, Set<String> everySubject, Map<String, Set<String>> bySubject) {

        OfSystem {
            useStopped = Set.copyOf(useStopped);
            everySubject = Set.copyOf(everySubject);
            bySubject = Map.copyOf(bySubject);
        }
    }

    private final Map<String, OfSystem> systems;

    SubjectLists(Map<String, OfSystem> systems) {
        this.systems = Map.copyOf(systems);
    }

    @Override
    public boolean useStopped(String dataSystem, String subject) {
        OfSystem system = systems.get(dataSystem);
        return system != null && subject != null && system.useStopped().contains(subject);
    }

    @Override
    public boolean consented(String dataSystem, String subject, String purpose) {
        OfSystem system = systems.get(dataSystem);
        if (system == null) {
            return false;
        }
        if (system.everySubject().contains(purpose)) {
            return true;
        }
        return subject != null && system.bySubject().getOrDefault(subject, Set.of()).contains(purpose);
    }
}
