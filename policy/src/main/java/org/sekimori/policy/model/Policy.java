package org.sekimori.policy.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An access policy as written: validated against the ledger, not yet compiled.
 *
 * @param zone the time zone time windows and expiry dates are read in
 * @param holidays the days time windows marked {@code closedOnHolidays} are shut
 * @param justificationMinLength the fewest characters an exception's justification may have
 */
public record Policy(ZoneId zone, Set<LocalDate> holidays, int justificationMinLength,
        List<ExceptionKind> exceptions, List<TimeWindow> timeWindows, List<Role> roles, List<Grant> grants,
        List<Denial> denials) {

    public Policy {
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(holidays);
        exceptions = List.copyOf(exceptions);
        timeWindows = List.copyOf(timeWindows);
        roles = List.copyOf(roles);
        grants = List.copyOf(grants);
        denials = List.copyOf(denials);
    }
}
