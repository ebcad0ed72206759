package org.sekimori.policy.load;

import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sekimori.policy.model.Classification;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Purpose;

/**
 * Loads the ledger of personal-data systems from YAML. Every problem in the file is reported at
 * once, each with its line and path; nothing half-valid is ever returned.
 */
public final class LedgerFile {

    private static final Pattern ITEM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final Set<String> TOP = Set.of("dataSystems");
    private static final Set<String> DATA_SYSTEM = Set.of("id", "name", "kind", "medium", "storageLocation",
            "responsible", "retention", "deletionMethod", "purposes", "items", "routes");
    private static final Set<String> PURPOSE = Set.of("id", "description", "consentRequired");
    private static final Set<String> ITEM = Set.of("name", "classification", "description", "subjectKey");

    private LedgerFile() {
    }

    public static Ledger load(Path file) {
        Problems problems = new Problems(file.toString());
        List<DataSystem> dataSystems = new ArrayList<>();
        YamlDocument.read(file, problems, TOP).ifPresent(top -> {
            FirstSeen ids = new FirstSeen();
            for (YamlMapping entry : top.mappings("dataSystems", true, DATA_SYSTEM)) {
                DataSystem dataSystem = dataSystem(entry, problems);
                ids.check(entry, "id", dataSystem.id(), "data system '%s' is already registered at line %d");
                dataSystems.add(dataSystem);
            }
        });
        problems.throwIfAny();
        return new Ledger(dataSystems);
    }

    private static DataSystem dataSystem(YamlMapping entry, Problems problems) {
        List<DataItem> items = items(entry);
        Set<String> itemNames = new HashSet<>();
        items.forEach(item -> itemNames.add(item.name()));
        return new DataSystem(Names.id(entry, "id"),
                entry.requiredText("name"),
                entry.requiredText("kind"),
                entry.requiredText("medium"),
                entry.requiredText("storageLocation"),
                entry.requiredText("responsible"),
                retention(entry),
                entry.requiredText("deletionMethod"),
                purposes(entry),
                items,
                RouteList.routes(entry, itemNames));
    }

    private static Period retention(YamlMapping entry) {
        String text = entry.requiredText("retention");
        if (text.isEmpty()) {
            return Period.ZERO;
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                entry.report("retention", "must be a positive period, not '" + text + "'");
            }
            return period;
        } catch (DateTimeParseException e) {
            entry.report("retention", "must be an ISO-8601 period such as P3Y (three years) or P18M, not '"
                    + text + "'");
            return Period.ZERO;
        }
    }

    private static List<Purpose> purposes(YamlMapping entry) {
        List<Purpose> purposes = new ArrayList<>();
        FirstSeen ids = new FirstSeen();
        for (YamlMapping purpose : entry.mappings("purposes", true, PURPOSE)) {
            String id = Names.id(purpose, "id");
            ids.check(purpose, "id", id, "purpose '%s' is already registered at line %d");
            purposes.add(new Purpose(id, purpose.requiredText("description"),
                    purpose.optionalFlag("consentRequired").orElse(false)));
        }
        return purposes;
    }

    private static List<DataItem> items(YamlMapping entry) {
        List<DataItem> items = new ArrayList<>();
        FirstSeen names = new FirstSeen();
        for (YamlMapping item : entry.mappings("items", true, ITEM)) {
            String name = item.requiredText("name");
            if (!name.isEmpty() && !ITEM_NAME.matcher(name).matches()) {
                item.report("name", "must be the item's field name in the data system's records "
                        + "(letters, digits and '_', starting with a letter), not '" + name + "'");
            }
            names.check(item, "name", name, "data item '%s' is already listed at line %d");
            Classification classification = item.optionalConstant("classification", Classification.class)
                    .orElse(Classification.SENSITIVE);
            if (!item.has("classification")) {
                item.report("classification", "is required: ordinary, identifier or sensitive");
            }
            items.add(new DataItem(name, classification, item.requiredText("description"),
                    item.optionalFlag("subjectKey").orElse(false)));
        }
        long keys = items.stream().filter(DataItem::subjectKey).count();
        if (!items.isEmpty() && keys != 1) {
            entry.report("items", "exactly one item must be marked 'subjectKey: true' (the record key that "
                    + "identifies the person in this data system); found " + keys);
        }
        return items;
    }
}
