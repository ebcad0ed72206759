package org.sekimori.policy.compile;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Reason;
import org.sekimori.policy.model.Conditions;
import org.sekimori.policy.model.NetworkRange;
import org.sekimori.policy.model.TimeWindow;

/** A rule's conditions, resolved against the policy's time zone, windows and holidays. */
final class CompiledConditions {

    private final TimeWindow window;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;
    private final List<NetworkRange> networks;
    private final boolean mfa;
    private final Instant expiry;

    CompiledConditions(Conditions conditions, TimeWindow window, ZoneId zone, Set<LocalDate> holidays) {
        this.window = window;
        this.holidays = holidays;
        this.zone = zone;
        this.networks = conditions.networks();
        this.mfa = conditions.mfa();
        this.expiry = conditions.validUntil().map(day -> day.plusDays(1).atStartOfDay(zone).toInstant()).orElse(null);
    }

    /** {@link Reason#PERMITTED} when every condition holds, otherwise the first that does not. */
    Reason check(AccessRequest request) {
        if (expiry != null && !request.time().isBefore(expiry)) {
            return Reason.GRANT_EXPIRED;
        }
        if (mfa && !request.handler().mfa()) {
            return Reason.MFA_REQUIRED;
        }
        if (!networks.isEmpty() && !inNetworks(request.client())) {
            return Reason.NETWORK_NOT_ALLOWED;
        }
        if (window != null && !inWindow(request.time())) {
            return Reason.OUTSIDE_TIME_WINDOW;
        }
        return Reason.PERMITTED;
    }

    private boolean inNetworks(InetAddress client) {
        for (NetworkRange network : networks) {
            if (network.contains(client)) {
                return true;
            }
        }
        return false;
    }

    private boolean inWindow(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        LocalTime clock = local.toLocalTime();
        boolean overnight = window.to().isBefore(window.from());
        // An overnight window's early hours belong to the day it opened.
        ZonedDateTime opened = overnight && clock.isBefore(window.to()) ? local.minusDays(1) : local;
        if (!window.days().contains(opened.getDayOfWeek())) {
            return false;
        }
        if (window.closedOnHolidays() && holidays.contains(opened.toLocalDate())) {
            return false;
        }
        return overnight ? !clock.isBefore(window.from()) || clock.isBefore(window.to())
                : !clock.isBefore(window.from()) && clock.isBefore(window.to());
    }
}
