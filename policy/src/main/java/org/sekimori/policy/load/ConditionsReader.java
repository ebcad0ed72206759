package org.sekimori.policy.load;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.model.Conditions;
import org.sekimori.policy.model.NetworkRange;

/** Reads the {@code conditions} of a grant or a denial. */
final class ConditionsReader {

    private static final Set<String> CONDITIONS = Set.of("timeWindow", "networks", "mfa", "validUntil");

    private ConditionsReader() {
    }

    static Conditions read(YamlMapping rule, Set<String> windowIds) {
        return rule.optionalMapping("conditions", CONDITIONS).map(conditions -> {
            Optional<String> window = conditions.optionalText("timeWindow");
            window.filter(id -> !windowIds.contains(id)).ifPresent(id -> conditions.report("timeWindow",
                    "time window '" + id + "' is not defined under timeWindows; defined: "
                            + PolicyFile.listed(windowIds)));
            return new Conditions(window, networks(conditions), conditions.optionalFlag("mfa").orElse(false),
                    validUntil(conditions));
        }).orElse(Conditions.ALWAYS);
    }

    private static List<NetworkRange> networks(YamlMapping conditions) {
        List<NetworkRange> networks = new ArrayList<>();
        for (YamlMapping.Item<String> cidr : conditions.texts("networks", false)) {
            Cidr.parse(cidr.value()).ifPresentOrElse(networks::add, () -> conditions.report("networks",
                    cidr.path() + " must be an address block like 10.20.0.0/16 or fd00::/8, not '"
                            + cidr.value() + "'"));
        }
        return networks;
    }

    private static Optional<LocalDate> validUntil(YamlMapping conditions) {
        return conditions.optionalText("validUntil").flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                conditions.report("validUntil", "must be a date like 2027-03-31, not '" + text + "'");
                return Optional.empty();
            }
        });
    }
}
