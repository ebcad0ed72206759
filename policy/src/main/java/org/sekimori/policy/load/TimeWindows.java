package org.sekimori.policy.load;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sekimori.policy.model.TimeWindow;

/** Reads the policy's named time windows. */
final class TimeWindows {

    private static final Set<String> WINDOW = Set.of("id", "days", "from", "to", "closedOnHolidays");

    private TimeWindows() {
    }

    /** The windows under {@code timeWindows}; their ids are added to {@code ids}. */
    static List<TimeWindow> read(YamlMapping top, Set<String> ids) {
        List<TimeWindow> windows = new ArrayList<>();
        FirstSeen seen = new FirstSeen();
        for (YamlMapping entry : top.mappings("timeWindows", false, WINDOW)) {
            String id = Names.id(entry, "id");
            seen.check(entry, "id", id, "time window '%s' is already defined at line %d");
            ids.add(id);
            LocalTime from = time(entry, "from");
            LocalTime to = time(entry, "to");
            if (from.equals(to) && entry.has("from") && entry.has("to")) {
                entry.report("to", "must differ from 'from'; a window from " + from + " to " + from + " is never open");
            }
            windows.add(new TimeWindow(id, days(entry), from, to,
                    entry.optionalFlag("closedOnHolidays").orElse(false)));
        }
        return windows;
    }

    private static Set<DayOfWeek> days(YamlMapping entry) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (YamlMapping.Item<String> text : entry.texts("days", true)) {
            DayOfWeek day = day(text.value());
            if (day == null) {
                entry.report("days", text.path() + " must be mon, tue, wed, thu, fri, sat or sun, not '"
                        + text.value() + "'");
            } else if (!days.add(day)) {
                entry.report("days", text.path() + " lists '" + text.value() + "' twice");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(text)) {
                return day;
            }
        }
        return null;
    }

    private static LocalTime time(YamlMapping entry, String key) {
        String text = entry.requiredText(key);
        if (text.isEmpty()) {
            return LocalTime.MIDNIGHT;
        }
        try {
            if (text.length() == 5) {
                return LocalTime.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        entry.report(key, "must be a time of day as HH:MM in quotes, like \"08:00\", not '" + text + "'");
        return LocalTime.MIDNIGHT;
    }
}
