package org.sekimori.gateway.grants;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a handler asks for: actions on one data system for some purposes, data items each in a
 * treatment, until a last day, and why. Checked against the ledger and policy when read
 * ({@link TermsReader}); names are kept as written, in the order given.
 */
public record RequestedTerms(String dataSystem, List<String> actions, List<String> purposes,
        Map<String, String> items, LocalDate lastDay, String reason) {

    public RequestedTerms {
        actions = List.copyOf(actions);
        purposes = List.copyOf(purposes);
        items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
    }
}
