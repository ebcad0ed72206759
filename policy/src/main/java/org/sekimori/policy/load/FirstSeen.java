package org.sekimori.policy.load;

import java.util.HashMap;
import java.util.Map;

/** Remembers where each name was first given, to report a repeat with both places. */
final class FirstSeen {

    private final Map<String, Integer> lines = new HashMap<>();

    /**
     * Reports {@code name} under {@code key} of {@code entry} when it was given before; the message
     * is formatted with the name and the line it was first given at.
     */
    void check(YamlMapping entry, String key, String name, String messageFormat) {
        if (name.isEmpty()) {
            return;
        }
        Integer first = lines.putIfAbsent(name, entry.line(key));
        if (first != null) {
            entry.report(key, messageFormat.formatted(name, first));
        }
    }
}
