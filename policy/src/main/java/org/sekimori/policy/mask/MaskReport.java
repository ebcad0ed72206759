package org.sekimori.policy.mask;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What masking one response body did, for the audit trail. Holds no values from the body except
 * the subject identifiers, which the caller pseudonymises before it records them.
 *
 * @param recordsReturned records (rows) written to the masked body
 * @param recordsWithheld records left out because their subject's data use is stopped or they are
 *     outside the handler's record scope
 * @param returnedSubjects the subject of each returned record, in body order, as the data system
 *     wrote it; a record without a subject (allowed only when nothing depends on it) has no entry
 * @param itemsSeen the name of every item that appeared in a record, in any form, sorted; removed
 *     items included
 */
public record MaskReport(int recordsReturned, int recordsWithheld, List<String> returnedSubjects,
        Set<String> itemsSeen) {

    public MaskReport {
        if (recordsReturned < 0 || recordsWithheld < 0) {
            throw new IllegalArgumentException("record counts cannot be negative");
        }
        returnedSubjects = List.copyOf(returnedSubjects);
        // Sorted so audit records of the same access compare equal whatever the upstream field order.
        itemsSeen = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(itemsSeen, "itemsSeen")));
    }
}
