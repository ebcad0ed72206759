package org.sekimori.gateway.audit.chain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers of a chain present in an export, kept as runs of consecutive numbers: an
 * intact chain is one run however long it is, so a large export is surveyed in little memory, and
 * a number chosen by whoever wrote the file (however large) costs no more than any other.
 */
final class SeqRanges {

    /** First number of each run to its last. */
    private final TreeMap<Long, Long> runs = new TreeMap<>();
    private long count;

    /** Adds a number; false when it was there already. */
    boolean add(long seq) {
        Map.Entry<Long, Long> before = runs.floorEntry(seq);
        if (before != null && before.getValue() >= seq) {
            return false;
        }
        long first = seq;
        long last = seq;
        if (before != null && before.getValue() == seq - 1) {
            first = before.getKey();
        }
        Long after = runs.higherKey(seq);
        if (after != null && after == seq + 1) {
            last = runs.remove(after);
        }
        runs.put(first, last);
        count++;
        return true;
    }

    boolean contains(long seq) {
        Map.Entry<Long, Long> before = runs.floorEntry(seq);
        return before != null && before.getValue() >= seq;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    long first() {
        return runs.firstKey();
    }

    long last() {
        return runs.lastEntry().getValue();
    }

    long count() {
        return count;
    }
}
