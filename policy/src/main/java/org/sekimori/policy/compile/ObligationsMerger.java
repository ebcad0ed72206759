package org.sekimori.policy.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Principal;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.mask.RecordScope;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.RowScope;

/**
 * The obligations of the grants that permit one request. One grant's are used as built; several
 * combine item by item, the most revealing treatment winning, since each grant alone would have
 * shown that much. An invoked exception lifts row scopes: it is the break-glass case (a life at
 * risk outside one's own district), flagged and reviewed afterwards.
 */
final class ObligationsMerger {

    private ObligationsMerger() {
    }

    static Obligations merge(CompiledGrant first, List<CompiledGrant> more, String purpose, boolean consentGate,
            Principal handler, boolean exceptionInvoked) {
        Obligations base = first.obligations(purpose, consentGate);
        if (exceptionInvoked) {
            return merged(base, more, purpose, consentGate, RecordScope.ALL);
        }
        if (more == null) {
            return first.grant.rows().map(rows -> scoped(base, rows, handler)).orElse(base);
        }
        RecordScope scope = scope(first, handler);
        for (CompiledGrant grant : more) {
            scope = widen(scope, scope(grant, handler));
        }
        return merged(base, more, purpose, consentGate, scope);
    }

    private static Obligations merged(Obligations base, List<CompiledGrant> more, String purpose, boolean consentGate,
            RecordScope scope) {
        Map<String, Treatment> items = new HashMap<>(base.items());
        Set<String> gated = new HashSet<>(base.consentGated());
        for (CompiledGrant grant : more == null ? List.<CompiledGrant>of() : more) {
            Obligations other = grant.obligations(purpose, consentGate);
            other.items().forEach((item, treatment) -> items.merge(item, treatment,
                    (a, b) -> a.disclosure() >= b.disclosure() ? a : b));
            gated.addAll(other.consentGated());
        }
        return new Obligations(base.dataSystem(), purpose, base.subjectKey(), items, gated, base.register(), scope);
    }

    private static Obligations scoped(Obligations base, RowScope rows, Principal handler) {
        return new Obligations(base.dataSystem(), base.purpose(), base.subjectKey(), base.items(),
                base.consentGated(), base.register(), new RecordScope(rows.item(), handler.attribute(rows.attribute())));
    }

    private static RecordScope scope(CompiledGrant grant, Principal handler) {
        Optional<RowScope> rows = grant.grant.rows();
        return rows.map(r -> new RecordScope(r.item(), handler.attribute(r.attribute()))).orElse(RecordScope.ALL);
    }

    /** A grant over every record widens to every record; scopes on the same item unite; otherwise the first holds. */
    private static RecordScope widen(RecordScope a, RecordScope b) {
        if (a.everyRecord() || b.everyRecord()) {
            return RecordScope.ALL;
        }
        if (a.item().equals(b.item())) {
            Set<String> values = new HashSet<>(a.values());
            values.addAll(b.values());
            return new RecordScope(a.item(), values);
        }
        return a;
    }
}
