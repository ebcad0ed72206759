package org.sekimori.policy.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;

/**
 * Named hours on named days, in the policy's time zone, such as weekdays 08:00 to 20:00.
 * {@code to} is exclusive; a window that ends before it starts runs past midnight.
 *
 * @param closedOnHolidays whether the window is shut on the policy's holidays
 */
public record TimeWindow(String id, Set<DayOfWeek> days, LocalTime from, LocalTime to, boolean closedOnHolidays) {

    public TimeWindow {
        Objects.requireNonNull(id, "id");
        days = Set.copyOf(days);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
