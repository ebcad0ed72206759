package org.sekimori.policy.mask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the CSV masker does with each column, decided once from the header. A column's item is its
 * header up to the first '.' ({@code postalAddress.city} belongs to {@code postalAddress}); columns
 * of removed and unknown items are dropped.
 *
 * @param kept the columns written, in header order
 * @param subjectColumn the index of the subject key's column, or -1 when the header has none
 * @param items every item named by the header
 */
record CsvColumns(List<Column> kept, int subjectColumn, Set<String> items) {

    /** What happens to a kept column's cells. */
    enum Action {
        /** Shown: copied as the data system wrote it. */
        COPY,
        /** The item's treatment applied to the cell's text. */
        TRANSFORM,
        /** The {@code prefecture} column of an address kept by the prefecture treatment. */
        PREFECTURE_MEMBER
    }

    /**
     * @param index the column's position in the upstream row
     * @param header its header cell
     * @param item the item it belongs to
     */
    record Column(int index, String header, String item, Treatment treatment, Action action, boolean consentGated) {
    }

    CsvColumns {
        kept = List.copyOf(kept);
        items = Set.copyOf(items);
    }

    static CsvColumns plan(List<String> header, Obligations obligations) {
        List<Column> kept = new ArrayList<>();
        Set<String> items = new LinkedHashSet<>();
        int subjectColumn = -1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            int dot = name.indexOf('.');
            String item = dot < 0 ? name : name.substring(0, dot);
            if (!item.isEmpty()) {
                items.add(item);
            }
            if (name.equals(obligations.subjectKey())) {
                if (subjectColumn >= 0) {
                    throw new UnmaskableBodyException("header has more than one '" + name + "' column (the subject key)");
                }
                subjectColumn = i;
            }
            Treatment treatment = obligations.treatment(item);
            Action action = action(header, name, item, dot >= 0, treatment);
            if (action != null) {
                kept.add(new Column(i, name, item, treatment, action, obligations.consentGated().contains(item)));
            }
        }
        return new CsvColumns(kept, subjectColumn, items);
    }

    /** What to do with column {@code name} of {@code item}; null to drop it. */
    private static Action action(List<String> header, String name, String item, boolean dotted, Treatment treatment) {
        if (treatment instanceof Treatment.Remove) {
            return null;
        }
        if (treatment instanceof Treatment.Show) {
            return Action.COPY;
        }
        if (!(treatment instanceof Treatment.Prefecture) || !dotted) {
            return Action.TRANSFORM;
        }
        // An address spread over item.member columns keeps its prefecture column and nothing else.
        String prefectureColumn = item + ".prefecture";
        if (name.equals(prefectureColumn)) {
            return Action.PREFECTURE_MEMBER;
        }
        if (!header.contains(prefectureColumn)) {
            throw ValueTransforms.cannotApply(item, "has columns but no " + prefectureColumn + " column", treatment);
        }
        return null;
    }
}
