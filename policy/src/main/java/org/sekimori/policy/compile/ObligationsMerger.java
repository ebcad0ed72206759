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
 * shown that much — but only grants over the same records as the first: items one grant shows must
 * never appear on records only another grant reaches. Break-glass reads (an exception invoked for
 * one named person) lift row scopes; the decision is flagged for review.
 */
final class ObligationsMerger {

    private ObligationsMerger() {
    }

    /** Of the other grants that permit the request, those that combine with the first: over the same records. */
    static List<CompiledGrant> sameRecords(CompiledGrant first, List<CompiledGrant> more) {
        return more == null ? List.of()
                : more.stream().filter(grant -> grant.grant.rows().equals(first.grant.rows())).toList();
    }

    /** The obligations of {@code first} combined with {@code sameRecords} (see {@link #sameRecords}). */
    static Obligations merge(CompiledGrant first, List<CompiledGrant> sameRecords, String purpose, boolean consentGate,
            Principal handler, boolean liftScope) {
        Obligations base = first.obligations(purpose, consentGate);
        RecordScope scope = liftScope ? RecordScope.ALL : scope(first, handler);
        if (sameRecords.isEmpty()) {
            return scope.equals(base.rows()) ? base : new Obligations(base.dataSystem(), base.purpose(),
                    base.subjectKey(), base.items(), base.consentGated(), base.register(), scope);
        }
        return merged(base, sameRecords, purpose, consentGate, scope);
    }

    private static Obligations merged(Obligations base, List<CompiledGrant> more, String purpose, boolean consentGate,
            RecordScope scope) {
        Map<String, Treatment> items = new HashMap<>(base.items());
        Set<String> gated = new HashSet<>(base.consentGated());
        for (CompiledGrant grant : more) {
            Obligations other = grant.obligations(purpose, consentGate);
            other.items().forEach((item, treatment) -> items.merge(item, treatment,
                    (a, b) -> a.disclosure() >= b.disclosure() ? a : b));
            gated.addAll(other.consentGated());
        }
        return new Obligations(base.dataSystem(), purpose, base.subjectKey(), items, gated, base.register(), scope);
    }

    private static RecordScope scope(CompiledGrant grant, Principal handler) {
        Optional<RowScope> rows = grant.grant.rows();
        return rows.map(r -> new RecordScope(r.item(), handler.attribute(r.attribute()))).orElse(RecordScope.ALL);
    }
}
