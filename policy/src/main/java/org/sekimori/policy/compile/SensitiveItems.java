package org.sekimori.policy.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.mask.Treatment;

/**
 * Sensitive personal information (要配慮個人情報) is shown only to a handler who logged in with a
 * second factor: for anyone else, a grant that would show or transform a sensitive item removes it,
 * whatever the grant says, and the rest of the record is served as granted.
 */
final class SensitiveItems {

    private SensitiveItems() {
    }

    /** The sensitive items {@code obligations} would let through in some form, sorted. */
    static List<String> shown(Obligations obligations, Set<String> sensitive) {
        return sensitive.stream().filter(item -> !(obligations.treatment(item) instanceof Treatment.Remove)).sorted()
                .toList();
    }

    /** The same obligations with {@code items} removed. */
    static Obligations withheld(Obligations obligations, List<String> items) {
        if (items.isEmpty()) {
            return obligations;
        }
        Map<String, Treatment> treatments = new HashMap<>(obligations.items());
        items.forEach(item -> treatments.put(item, Treatment.REMOVE));
        Set<String> gated = new HashSet<>(obligations.consentGated());
        items.forEach(gated::remove);
        return new Obligations(obligations.dataSystem(), obligations.purpose(), obligations.subjectKey(), treatments,
                gated, obligations.register(), obligations.rows());
    }
}
