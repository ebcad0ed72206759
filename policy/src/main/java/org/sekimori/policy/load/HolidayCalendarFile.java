package org.sekimori.policy.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Loads a holiday calendar: the days on which time windows marked {@code closedOnHolidays} are
 * shut. Each entry has a date and the holiday's name (for the reader; the gateway uses the date).
 */
public final class HolidayCalendarFile {

    private static final Set<String> TOP = Set.of("holidays");
    private static final Set<String> HOLIDAY = Set.of("date", "name");

    private HolidayCalendarFile() {
    }

    public static Set<LocalDate> load(Path file) {
        Problems problems = new Problems(file.toString());
        Set<LocalDate> days = new HashSet<>();
        YamlDocument.read(file, problems, TOP).ifPresent(top -> {
            FirstSeen dates = new FirstSeen();
            for (YamlMapping entry : top.mappings("holidays", true, HOLIDAY)) {
                String text = entry.requiredText("date");
                entry.requiredText("name");
                dates.check(entry, "date", text, "%s is already listed at line %d");
                try {
                    if (!text.isEmpty()) {
                        days.add(LocalDate.parse(text));
                    }
                } catch (DateTimeParseException e) {
                    entry.report("date", "must be a date like 2026-01-01, not '" + text + "'");
                }
            }
        });
        problems.throwIfAny();
        return days;
    }
}
