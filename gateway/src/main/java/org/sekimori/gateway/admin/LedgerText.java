package org.sekimori.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.Conditions;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.Purpose;
import org.sekimori.policy.model.RowScope;

/**
 * The words of the ledger, shared by its formats so that JSON, CSV and HTML say the same: actions,
 * classifications and treatments as policy files write them, a grant's purposes and items in the
 * order the ledger registers them.
 */
final class LedgerText {

    private LedgerText() {
    }

    /** One item a grant covers, and the form the holder sees it in. */
    record GrantedItem(DataItem item, Treatment treatment) {
    }

    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static List<String> actions(Grant grant) {
        List<String> actions = new ArrayList<>();
        for (Action action : Action.values()) {
            if (grant.actions().contains(action)) {
                actions.add(word(action));
            }
        }
        return actions;
    }

    static List<Purpose> purposes(DataSystem dataSystem, Grant grant) {
        return dataSystem.purposes().stream().filter(purpose -> grant.purposes().contains(purpose.id())).toList();
    }

    static List<GrantedItem> items(DataSystem dataSystem, Grant grant) {
        List<GrantedItem> items = new ArrayList<>();
        for (DataItem item : dataSystem.items()) {
            Treatment treatment = grant.items().get(item.name());
            if (treatment != null) {
                items.add(new GrantedItem(item, treatment));
            }
        }
        return items;
    }

    /** The conditions a grant holds under, by name; empty when it always holds. */
    static Map<String, Object> conditions(Conditions conditions) {
        Map<String, Object> held = new java.util.LinkedHashMap<>();
        conditions.timeWindow().ifPresent(window -> held.put("timeWindow", window));
        if (!conditions.networks().isEmpty()) {
            held.put("networks", conditions.networks().stream().map(Object::toString).toList());
        }
        if (conditions.mfa()) {
            held.put("mfa", true);
        }
        conditions.validUntil().ifPresent(last -> held.put("validUntil", last.toString()));
        return held;
    }

    /** The values of the handler's directory attribute the grant's row scope admits. */
    static List<String> scopeValues(RowScope rows, Handler handler) {
        return handler.attributes().getOrDefault(rows.attribute(), List.of());
    }

    static String records(RecordCount count) {
        if (count instanceof RecordCount.Counted counted) {
            return Long.toString(counted.records());
        }
        return "unknown: " + ((RecordCount.Unknown) count).reason();
    }

    /** The items a grant covers as {@code name=treatment}, space-separated. */
    static String itemsText(DataSystem dataSystem, Grant grant) {
        return String.join(" ", items(dataSystem, grant).stream()
                .map(granted -> granted.item().name() + "=" + granted.treatment().label()).toList());
    }

    /** Which records a grant is limited to for this handler, or "" when it covers all. */
    static String rowsText(Grant grant, Handler handler) {
        return grant.rows().map(rows -> rows.item() + " in " + rows.attribute() + " ("
                + String.join(", ", scopeValues(rows, handler)) + ")").orElse("");
    }

    /** A grant's conditions as {@code name=value}, space-separated, or "" when it always holds. */
    static String conditionsText(Grant grant) {
        List<String> held = new ArrayList<>();
        conditions(grant.conditions()).forEach((name, value) -> held.add(name + "=" + value));
        return String.join(" ", held);
    }
}
