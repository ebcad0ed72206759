package org.sekimori.gateway.grants;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Purpose;
import org.sekimori.policy.model.Route;
import tools.jackson.databind.JsonNode;

/**
 * Reads a grant request's terms from its JSON form and checks them against the ledger: the data
 * system, actions its routes do, its registered purposes and data items, treatments the policy
 * knows, a last day from today to the longest period allowed (a contractor's no later than their
 * access ends), and a reason long enough to judge. Every error is listed, never only the first.
 */
final class TermsReader {

    /** What a client should send, for the error messages. */
    static final String SHAPE = "Send {\"dataSystem\": \"followup\", \"actions\": [\"read\"], \"purposes\": "
            + "[\"outbreak-analysis\"], \"items\": {\"occupation\": \"show\"}, \"lastDay\": \"2026-12-31\", "
            + "\"reason\": \"why this access is needed\"}.";
    static final int MIN_REASON = 20;
    static final int MAX_REASON = 2000;
    private static final Set<String> MEMBERS = Set.of("dataSystem", "actions", "purposes", "items", "lastDay",
            "reason");

    /** The terms, or every reason they cannot be asked for. */
    sealed interface Result {
    }

    record Valid(RequestedTerms terms) implements Result {
    }

    record Invalid(List<String> errors) implements Result {
    }

    private final Ledger ledger;
    private final Period maxPeriod;

    TermsReader(Ledger ledger, Period maxPeriod) {
        this.ledger = ledger;
        this.maxPeriod = maxPeriod;
    }

    Result read(JsonNode body, Optional<Handler> requester, LocalDate today) {
        List<String> errors = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!MEMBERS.contains(name)) {
                errors.add("'" + name + "' is not a member of a grant request; its members are "
                        + String.join(", ", MEMBERS.stream().sorted().toList()) + ".");
            }
        }
        String systemId = text(body, "dataSystem", errors);
        Optional<DataSystem> system = systemId == null ? Optional.empty() : ledger.dataSystem(systemId);
        if (systemId != null && system.isEmpty()) {
            errors.add("dataSystem '" + systemId + "' is not in the ledger; registered: " + ledger.dataSystems()
                    .stream().map(DataSystem::id).collect(Collectors.joining(", ")) + ".");
        }
        List<String> actions = texts(body, "actions", errors);
        List<String> purposes = texts(body, "purposes", errors);
        Map<String, String> items = items(body, errors);
        LocalDate lastDay = lastDay(body, requester, today, errors);
        String reason = reason(body, errors);
        system.ifPresent(found -> checkAgainst(found, actions, purposes, items, errors));
        return errors.isEmpty() ? new Valid(new RequestedTerms(systemId, actions, purposes, items, lastDay, reason))
                : new Invalid(List.copyOf(errors));
    }

    private static void checkAgainst(DataSystem system, List<String> actions, List<String> purposes,
            Map<String, String> items, List<String> errors) {
        Set<Action> done = system.routes().stream().map(Route::action).collect(Collectors.toSet());
        for (String action : actions) {
            Optional<Action> named = action(action);
            if (named.isEmpty() || !done.contains(named.get())) {
                errors.add("actions: '" + action + "' is not done by any route of " + system.id() + "; its routes do "
                        + done.stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")) + ".");
            }
        }
        Set<String> registered = system.purposes().stream().map(Purpose::id).collect(Collectors.toSet());
        for (String purpose : purposes) {
            if (!registered.contains(purpose)) {
                errors.add("purposes: '" + purpose + "' is not registered for " + system.id() + "; registered: "
                        + system.purposes().stream().map(Purpose::id).collect(Collectors.joining(", ")) + ".");
            }
        }
        Set<String> known = system.items().stream().map(DataItem::name).collect(Collectors.toSet());
        items.forEach((item, treatment) -> {
            if (!known.contains(item)) {
                errors.add("items: '" + item + "' is not a data item of " + system.id() + ".");
            }
            if (Treatment.parse(treatment).isEmpty()) {
                errors.add("items: '" + item + "' has treatment '" + treatment + "'; use show, mask-last-<n>, "
                        + "age-band-<n>, prefecture, month, pseudonymise or remove.");
            }
        });
    }

    private static Optional<Action> action(String text) {
        try {
            return text.equals(text.toLowerCase(Locale.ROOT)) ? Optional.of(Action.valueOf(text.toUpperCase(
                    Locale.ROOT))) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private LocalDate lastDay(JsonNode body, Optional<Handler> requester, LocalDate today, List<String> errors) {
        String text = text(body, "lastDay", errors);
        if (text == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add("lastDay must be a date like 2026-12-31, not '" + text + "'.");
            return null;
        }
        LocalDate latest = today.plus(maxPeriod);
        if (day.isBefore(today)) {
            errors.add("lastDay " + day + " has passed; today is " + today + ".");
        } else if (day.isAfter(latest)) {
            errors.add("lastDay " + day + " is more than " + ChronoUnit.DAYS.between(today, latest) + " days away; "
                    + "ask until " + latest
                    + " at the latest, and again before it ends.");
        }
        requester.flatMap(Handler::accessExpires).filter(day::isAfter).ifPresent(end -> errors.add("lastDay " + day
                + " is after your access ends (" + end + "); ask until " + end + " at the latest."));
        return day;
    }

    private static String reason(JsonNode body, List<String> errors) {
        String reason = text(body, "reason", errors);
        if (reason == null) {
            return null;
        }
        String stripped = reason.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < MIN_REASON || length > MAX_REASON) {
            errors.add("reason must say why this access is needed in " + MIN_REASON + " to " + MAX_REASON
                    + " characters; it has " + length + ".");
        }
        return stripped;
    }

    private static Map<String, String> items(JsonNode body, List<String> errors) {
        Map<String, String> items = new LinkedHashMap<>();
        JsonNode node = body.get("items");
        if (node == null || !node.isObject()) {
            errors.add("items must be an object naming each data item and its treatment, like {\"occupation\": "
                    + "\"show\"} ({} for none).");
            return items;
        }
        for (String item : node.propertyNames()) {
            JsonNode treatment = node.get(item);
            if (treatment.isString()) {
                items.put(item, treatment.asString());
            } else {
                errors.add("items: '" + item + "' must name its treatment as text, like \"show\".");
            }
        }
        return items;
    }

    private static List<String> texts(JsonNode body, String name, List<String> errors) {
        JsonNode node = body.get(name);
        List<String> values = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            errors.add(name + " must be a non-empty array of names.");
            return values;
        }
        for (JsonNode value : node) {
            if (!value.isString()) {
                errors.add(name + " must hold names only, not " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                        + ".");
            } else if (!values.contains(value.asString())) {
                values.add(value.asString());
            }
        }
        return values;
    }

    private static String text(JsonNode body, String name, List<String> errors) {
        JsonNode node = body.get(name);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            errors.add(name + " is required, as text.");
            return null;
        }
        return node.asString();
    }
}
