package org.sekimori.policy.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sekimori.policy.model.Ledger;

/**
 * Loads the third parties that records may be exported or provided to, from YAML: each with an
 * id, a name, the data systems whose records may go to it, the purposes under which (any, when
 * none is listed) and its public key inline (an ASCII-armored OpenPGP public key or a PEM X.509
 * certificate, as a literal block). The key is read by the caller, which knows cryptography.
 */
public final class RecipientsFile {

    private static final Set<String> TOP = Set.of("recipients");
    private static final Set<String> RECIPIENT = Set.of("id", "name", "dataSystems", "purposes", "key");

    /** One recipient as the file lists it. */
    public record Entry(String id, String name, List<String> dataSystems, List<String> purposes, String key,
            String path) {

        public Entry {
            dataSystems = List.copyOf(dataSystems);
            purposes = List.copyOf(purposes);
        }
    }

    private RecipientsFile() {
    }

    public static List<Entry> load(Path file, Ledger ledger) {
        Problems problems = new Problems(file.toString());
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        YamlDocument.read(file, problems, TOP).ifPresent(top -> {
            for (YamlMapping recipient : top.mappings("recipients", false, RECIPIENT)) {
                String id = recipient.requiredText("id");
                if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                    recipient.report("id", "must be lower-case letters, digits and dashes, not '" + id + "'");
                } else if (!id.isEmpty() && !ids.add(id)) {
                    recipient.report("id", "'" + id + "' is listed twice");
                }
                List<String> systems = new ArrayList<>();
                for (YamlMapping.Item<String> system : recipient.texts("dataSystems", true)) {
                    if (ledger.dataSystem(system.value()).isEmpty()) {
                        problems.add(system.line(), system.path(), "data system '" + system.value() + "' is not "
                                + "in the ledger");
                    }
                    systems.add(system.value());
                }
                List<String> purposes = new ArrayList<>();
                for (YamlMapping.Item<String> purpose : recipient.texts("purposes", false)) {
                    boolean registered = systems.stream().map(ledger::dataSystem).flatMap(java.util.Optional::stream)
                            .anyMatch(system -> system.purpose(purpose.value()).isPresent());
                    if (!registered) {
                        problems.add(purpose.line(), purpose.path(), "purpose '" + purpose.value() + "' is "
                                + "registered for none of its data systems");
                    }
                    purposes.add(purpose.value());
                }
                String key = recipient.requiredText("key");
                entries.add(new Entry(id, recipient.optionalText("name").orElse(id), systems, purposes, key,
                        file + ": " + recipient.path()));
            }
        });
        problems.throwIfAny();
        return List.copyOf(entries);
    }
}
