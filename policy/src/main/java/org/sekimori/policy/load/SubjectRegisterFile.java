package org.sekimori.policy.load;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;

/**
 * Loads use stops and consents from YAML. Per data system: {@code useStopped} lists subjects whose
 * data must not be used; {@code consents.everySubject} lists purposes every subject consented to
 * when they registered (for example by accepting the service's terms); {@code consents.subjects}
 * maps a subject to the further purposes they consented to.
 */
public final class SubjectRegisterFile {

    private static final Set<String> TOP = Set.of("dataSystems");
    private static final Set<String> SYSTEM = Set.of("useStopped", "consents");
    private static final Set<String> CONSENTS = Set.of("everySubject", "subjects");

    private SubjectRegisterFile() {
    }

    public static SubjectRegister load(Path file, Ledger ledger) {
        Problems problems = new Problems(file.toString());
        Map<String, SubjectLists.OfSystem> systems = new HashMap<>();
        YamlDocument.read(file, problems, TOP).ifPresent(top -> {
            top.optionalMapping("dataSystems", ledgerIds(ledger)).ifPresent(byId -> {
                for (DataSystem system : ledger.dataSystems()) {
                    byId.optionalMapping(system.id(), SYSTEM).ifPresent(entry ->
                            systems.put(system.id(), ofSystem(entry, system, problems)));
                }
            });
        });
        problems.throwIfAny();
        return new SubjectLists(systems);
    }

    private static Set<String> ledgerIds(Ledger ledger) {
        Set<String> ids = new HashSet<>();
        ledger.dataSystems().forEach(system -> ids.add(system.id()));
        return ids;
    }

    private static SubjectLists.OfSystem ofSystem(YamlMapping entry, DataSystem system, Problems problems) {
        Set<String> stopped = new HashSet<>();
        for (YamlMapping.Item<String> subject : entry.texts("useStopped", false)) {
            if (!stopped.add(subject.value())) {
                // The identifier itself stays out of the message: configuration errors are logged.
                problems.add(subject.line(), subject.path(), "this subject is listed twice");
            }
        }
        Set<String> everySubject = new HashSet<>();
        Map<String, Set<String>> bySubject = new HashMap<>();
        Optional<YamlMapping> consents = entry.optionalMapping("consents", CONSENTS);
        consents.ifPresent(c -> {
            for (YamlMapping.Item<String> purpose : c.texts("everySubject", false)) {
                everySubject.add(registered(purpose.value(), purpose.path(), purpose.line(), system, problems));
            }
            c.textLists("subjects", false).forEach((subject, purposes) -> {
                Set<String> given = new HashSet<>();
                for (String purpose : purposes) {
                    given.add(registered(purpose, c.path("subjects"), c.line("subjects"), system,
                            problems));
                }
                bySubject.put(subject, given);
            });
        });
        return new SubjectLists.OfSystem(stopped, everySubject, bySubject);
    }

    private static String registered(String purpose, String path, int line, DataSystem system, Problems problems) {
        if (system.purpose(purpose).isEmpty()) {
            problems.add(line, path, "purpose '" + purpose + "' is not registered for data system '" + system.id()
                    + "'");
        }
        return purpose;
    }
}
