package org.sekimori.policy.mask;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the names policy files give treatments. */
final class TreatmentNames {

    private static final Pattern NUMBERED = Pattern.compile("(mask-last-|age-band-)([0-9]{1,2})");

    private TreatmentNames() {
    }

    static Optional<Treatment> parse(String text) {
        Matcher numbered = NUMBERED.matcher(text);
        if (numbered.matches()) {
            int n = Integer.parseInt(numbered.group(2));
            try {
                return Optional.of(numbered.group(1).equals("mask-last-") ? new Treatment.Mask(n)
                        : new Treatment.AgeBand(n));
            } catch (IllegalArgumentException outOfRange) {
                return Optional.empty();
            }
        }
        return switch (text) {
            case "show" -> Optional.of(Treatment.SHOW);
            case "remove" -> Optional.of(Treatment.REMOVE);
            case "pseudonymise" -> Optional.of(Treatment.PSEUDONYMISE);
            case "prefecture" -> Optional.of(Treatment.PREFECTURE);
            case "month" -> Optional.of(Treatment.MONTH);
            default -> Optional.empty();
        };
    }
}
