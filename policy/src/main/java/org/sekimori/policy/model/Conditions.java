package org.sekimori.policy.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a grant or a denial applies. Every condition given must hold; none given means always.
 *
 * @param timeWindow the id of a time window the request must fall in
 * @param networks address blocks the client must be in (any of them; empty means anywhere)
 * @param mfa whether the handler must have logged in with a second factor
 * @param validUntil the last day (in the policy's time zone) the rule applies
 */
public record Conditions(Optional<String> timeWindow, List<NetworkRange> networks, boolean mfa,
        Optional<LocalDate> validUntil) {

    public static final Conditions ALWAYS = new Conditions(Optional.empty(), List.of(), false, Optional.empty());

    public Conditions {
        Objects.requireNonNull(timeWindow, "timeWindow");
        networks = List.copyOf(networks);
        Objects.requireNonNull(validUntil, "validUntil");
    }
}
