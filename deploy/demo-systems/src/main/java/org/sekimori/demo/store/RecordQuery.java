package org.sekimori.demo.store;

import java.util.ArrayList;
import java.util.List;

import org.sekimori.demo.system.Filter;

/** The filters a request asked for, with their already-checked values. */
public final class RecordQuery {

    private record Condition(Filter filter, Object value) {
    }

    private final List<Condition> conditions = new ArrayList<>();

    public static RecordQuery everything() {
        return new RecordQuery();
    }

    public RecordQuery and(Filter filter, Object value) {
        conditions.add(new Condition(filter, value));
        return this;
    }

    /** A WHERE clause (or nothing) built only from column names fixed in code; values are bound. */
    String whereClause() {
        if (conditions.isEmpty()) {
            return "";
        }
        List<String> terms = conditions.stream()
                .map(c -> c.filter().column().column() + " " + c.filter().comparison().operator() + " ?")
                .toList();
        return " WHERE " + String.join(" AND ", terms);
    }

    Object[] values() {
        return conditions.stream().map(Condition::value).toArray();
    }
}
