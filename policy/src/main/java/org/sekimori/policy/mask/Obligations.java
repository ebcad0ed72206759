package org.sekimori.policy.mask;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sekimori.policy.SubjectRegister;

/**
 * What a permit obliges the gateway to do to the records it returns: each data item's treatment
 * (an item without one, or a field the ledger does not know, is removed), subjects whose use is
 * stopped withheld, and the items that need consent removed from the records of subjects who did
 * not give it.
 *
 * @param dataSystem the data system the records come from
 * @param purpose the purpose stated for this access
 * @param subjectKey the item that identifies the subject in each record
 * @param items the treatment of each item the handler may see in some form
 * @param consentGated items removed from a record unless its subject consented to {@code purpose}
 * @param register where use stops and consents are looked up
 * @param rows which records the handler may see at all
 */
public record Obligations(
        String dataSystem,
        String purpose,
        String subjectKey,
        Map<String, Treatment> items,
        Set<String> consentGated,
        SubjectRegister register,
        RecordScope rows) {

    public Obligations {
        Objects.requireNonNull(dataSystem, "dataSystem");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(register, "register");
        items = Map.copyOf(items);
        consentGated = Set.copyOf(consentGated);
        Objects.requireNonNull(rows, "rows");
    }

    /** Obligations over every record. */
    public Obligations(String dataSystem, String purpose, String subjectKey, Map<String, Treatment> items,
            Set<String> consentGated, SubjectRegister register) {
        this(dataSystem, purpose, subjectKey, items, consentGated, register, RecordScope.ALL);
    }

    /** The treatment of a record field; {@link Treatment#REMOVE} for anything not granted. */
    public Treatment treatment(String field) {
        return items.getOrDefault(field, Treatment.REMOVE);
    }

    /** True when the record of {@code subject} must not be returned at all. */
    public boolean withheld(String subject) {
        return register.useStopped(dataSystem, subject);
    }

    /** True when {@code field} must be removed from the record of {@code subject} for lack of consent. */
    public boolean removedForConsent(String field, String subject) {
        return consentGated.contains(field) && !register.consented(dataSystem, subject, purpose);
    }

    /** True when what a record shows depends on its subject's consent. */
    public boolean needsConsent() {
        return !consentGated.isEmpty();
    }
}
