package org.sekimori.gateway.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts by a tuple of names, like a SQL {@code group by}: each row is its key's names and its
 * counters, listed in the order of the keys.
 */
final class Rows {

    private final List<String> keyNames;
    private final Map<List<String>, Map<String, Long>> rows = new TreeMap<>(Rows::compare);

    Rows(String... keyNames) {
        this.keyNames = List.of(keyNames);
    }

    /** Adds {@code amount} to {@code counter} of the row {@code key} (one name per key name; "" where none). */
    void add(List<String> key, String counter, long amount) {
        rows.computeIfAbsent(List.copyOf(key), k -> new LinkedHashMap<>()).merge(counter, amount, Long::sum);
    }

    List<Map<String, Object>> list() {
        List<Map<String, Object>> listed = new ArrayList<>();
        rows.forEach((key, counters) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < keyNames.size(); i++) {
                row.put(keyNames.get(i), key.get(i));
            }
            row.putAll(counters);
            listed.add(row);
        });
        return listed;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
