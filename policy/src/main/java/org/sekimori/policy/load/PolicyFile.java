package org.sekimori.policy.load;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Denial;
import org.sekimori.policy.model.ExceptionKind;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Policy;
import org.sekimori.policy.model.Role;
import org.sekimori.policy.model.RowScope;
import org.sekimori.policy.model.TimeWindow;

/**
 * Loads an access policy from YAML and checks it against the ledger: every data system, purpose,
 * data item, role, exception and time window a rule names must exist. Every problem, in the
 * policy and in the holiday calendar it names, is reported at once with its file, line and path;
 * nothing half-valid is ever returned.
 */
public final class PolicyFile {

    private static final Set<String> TOP = Set.of("zone", "holidays", "justificationMinLength", "exceptions",
            "timeWindows", "roles", "grants", "denials");
    private static final Set<String> EXCEPTION = Set.of("id", "description");
    private static final Set<String> ROLE = Set.of("id", "description", "exceptions", "requireMfa");
    private static final Set<String> GRANT = Set.of("id", "role", "dataSystem", "actions", "purposes", "items",
            "rows", "conditions");
    private static final Set<String> DENIAL = Set.of("id", "roles", "dataSystem", "actions", "purposes",
            "conditions");
    private static final Set<String> ROWS = Set.of("item", "attribute");
    private static final int DEFAULT_JUSTIFICATION = 20;

    private final Ledger ledger;
    private final Problems problems;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Set<String> exceptionIds = new LinkedHashSet<>();
    private final Set<String> windowIds = new LinkedHashSet<>();

    private PolicyFile(Ledger ledger, Problems problems) {
        this.ledger = ledger;
        this.problems = problems;
    }

    public static Policy load(Path file, Ledger ledger) {
        Problems problems = new Problems(file.toString());
        Optional<YamlMapping> top = YamlDocument.read(file, problems, TOP);
        if (top.isEmpty()) {
            problems.throwIfAny();
        }
        return new PolicyFile(ledger, problems).policy(file, top.orElseThrow());
    }

    private Policy policy(Path file, YamlMapping top) {
        ZoneId zone = zone(top);
        Optional<Path> calendar = top.optionalText("holidays").filter(name -> {
            // Beside the policy only: a path could make the policy read (and its errors quote) any file.
            boolean bare = !name.isEmpty() && !name.startsWith(".") && !name.contains("/") && !name.contains("\\");
            if (!bare) {
                top.report("holidays", "must name a file beside the policy file, like holidays-jp.yaml, not a path");
            }
            return bare;
        }).map(name -> file.resolveSibling(name));
        Set<LocalDate> holidays = Set.of();
        List<ConfigurationError> calendarErrors = List.of();
        if (calendar.isPresent()) {
            try {
                holidays = HolidayCalendarFile.load(calendar.get());
            } catch (ConfigurationException e) {
                calendarErrors = e.errors();
            }
        }
        List<ExceptionKind> exceptions = exceptions(top);
        List<TimeWindow> windows = TimeWindows.read(top, windowIds);
        roles(top);
        List<Grant> grants = grants(top);
        List<Denial> denials = denials(top);
        int minimum = justificationMinimum(top);
        List<ConfigurationError> all = new ArrayList<>(problems.errors());
        all.addAll(calendarErrors);
        if (!all.isEmpty()) {
            throw new ConfigurationException(all);
        }
        return new Policy(zone, holidays, minimum, exceptions, windows, List.copyOf(roles.values()), grants, denials);
    }

    private static ZoneId zone(YamlMapping top) {
        String text = top.requiredText("zone");
        try {
            return text.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(text);
        } catch (DateTimeException e) {
            top.report("zone", "must be a time-zone id such as Asia/Tokyo, not '" + text + "'");
            return ZoneId.of("UTC");
        }
    }

    private static int justificationMinimum(YamlMapping top) {
        return top.optionalText("justificationMinLength").map(text -> {
            try {
                int minimum = Integer.parseInt(text);
                if (minimum >= 1 && minimum <= 1000) {
                    return minimum;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            top.report("justificationMinLength", "must be a whole number from 1 to 1000, not '" + text + "'");
            return DEFAULT_JUSTIFICATION;
        }).orElse(DEFAULT_JUSTIFICATION);
    }

    private List<ExceptionKind> exceptions(YamlMapping top) {
        List<ExceptionKind> exceptions = new ArrayList<>();
        FirstSeen ids = new FirstSeen();
        for (YamlMapping entry : top.mappings("exceptions", false, EXCEPTION)) {
            String id = Names.id(entry, "id");
            ids.check(entry, "id", id, "exception '%s' is already registered at line %d");
            exceptionIds.add(id);
            exceptions.add(new ExceptionKind(id, entry.requiredText("description")));
        }
        return exceptions;
    }

    private void roles(YamlMapping top) {
        FirstSeen ids = new FirstSeen();
        for (YamlMapping entry : top.mappings("roles", true, ROLE)) {
            String id = Names.id(entry, "id");
            ids.check(entry, "id", id, "role '%s' is already declared at line %d");
            Set<String> exceptions = new LinkedHashSet<>();
            for (YamlMapping.Item<String> exception : entry.texts("exceptions", false)) {
                if (!exceptionIds.contains(exception.value())) {
                    problems.add(exception.line(), exception.path(), "exception '" + exception.value()
                            + "' is not registered; registered: " + listed(exceptionIds));
                }
                exceptions.add(exception.value());
            }
            roles.putIfAbsent(id, new Role(id, entry.requiredText("description"), exceptions,
                    entry.optionalFlag("requireMfa").orElse(false)));
        }
    }

    private List<Grant> grants(YamlMapping top) {
        List<Grant> grants = new ArrayList<>();
        FirstSeen ids = new FirstSeen();
        for (YamlMapping entry : top.mappings("grants", true, GRANT)) {
            String id = Names.id(entry, "id");
            ids.check(entry, "id", id, "grant '%s' is already defined at line %d");
            String role = entry.requiredText("role");
            knownRole(entry.line("role"), entry.path("role"), role);
            Optional<DataSystem> system = dataSystem(entry);
            grants.add(new Grant(id, role, entry.requiredText("dataSystem"), actions(entry, true),
                    purposes(entry, system, true), items(entry, system), ConditionsReader.read(entry, windowIds),
                    rows(entry, system)));
        }
        return grants;
    }

    private List<Denial> denials(YamlMapping top) {
        List<Denial> denials = new ArrayList<>();
        FirstSeen ids = new FirstSeen();
        for (YamlMapping entry : top.mappings("denials", false, DENIAL)) {
            String id = Names.id(entry, "id");
            ids.check(entry, "id", id, "denial '%s' is already defined at line %d");
            Set<String> denied = new LinkedHashSet<>();
            for (YamlMapping.Item<String> role : entry.texts("roles", false)) {
                knownRole(role.line(), role.path(), role.value());
                denied.add(role.value());
            }
            Optional<DataSystem> system = dataSystem(entry);
            denials.add(new Denial(id, denied, entry.requiredText("dataSystem"), actions(entry, true),
                    purposes(entry, system, false), ConditionsReader.read(entry, windowIds)));
        }
        return denials;
    }

    private void knownRole(int line, String path, String role) {
        if (!role.isEmpty() && !roles.containsKey(role)) {
            problems.add(line, path, "role '" + role + "' is not declared under roles; declared: "
                    + listed(roles.keySet()));
        }
    }

    private Optional<DataSystem> dataSystem(YamlMapping entry) {
        String id = entry.requiredText("dataSystem");
        Optional<DataSystem> system = ledger.dataSystem(id);
        if (!id.isEmpty() && system.isEmpty()) {
            entry.report("dataSystem", "data system '" + id + "' is not in the ledger; registered: "
                    + listed(ledger.dataSystems().stream().map(DataSystem::id).toList()));
        }
        return system;
    }

    private static Set<Action> actions(YamlMapping entry, boolean required) {
        Set<Action> actions = new LinkedHashSet<>();
        for (YamlMapping.Item<String> text : entry.texts("actions", required)) {
            Action action = Constants.of(Action.class, text.value());
            if (action == null) {
                entry.report("actions", text.path() + " must be one of " + Constants.list(Action.class)
                        + ", not '" + text.value() + "'");
            } else {
                actions.add(action);
            }
        }
        return actions;
    }

    private Set<String> purposes(YamlMapping entry, Optional<DataSystem> system, boolean required) {
        Set<String> purposes = new LinkedHashSet<>();
        for (YamlMapping.Item<String> purpose : entry.texts("purposes", required)) {
            system.filter(s -> s.purpose(purpose.value()).isEmpty()).ifPresent(s -> problems.add(purpose.line(),
                    purpose.path(), "purpose '" + purpose.value() + "' is not registered for data system '" + s.id()
                            + "'; registered: " + listed(s.purposes().stream().map(p -> p.id()).toList())));
            purposes.add(purpose.value());
        }
        return purposes;
    }

    private Map<String, Treatment> items(YamlMapping entry, Optional<DataSystem> system) {
        Map<String, Treatment> items = new HashMap<>();
        for (YamlMapping.Entry item : entry.textEntries("items", true)) {
            system.filter(s -> s.item(item.name()).isEmpty()).ifPresent(s -> problems.add(item.line(), item.path(),
                    "data item '" + item.name() + "' is not in data system '" + s.id() + "'"));
            Optional<Treatment> treatment = Treatment.parse(item.value());
            if (treatment.isEmpty()) {
                problems.add(item.line(), item.path(), "must be " + Treatment.FORMS + ", not '" + item.value() + "'");
            }
            items.put(item.name(), treatment.orElse(Treatment.REMOVE));
        }
        return items;
    }

    private Optional<RowScope> rows(YamlMapping entry, Optional<DataSystem> system) {
        return entry.optionalMapping("rows", ROWS).map(rows -> {
            String item = rows.requiredText("item");
            system.filter(s -> !item.isEmpty() && s.item(item).isEmpty()).ifPresent(s -> rows.report("item",
                    "data item '" + item + "' is not in data system '" + s.id() + "'"));
            return new RowScope(item, rows.requiredText("attribute"));
        });
    }

    static String listed(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
