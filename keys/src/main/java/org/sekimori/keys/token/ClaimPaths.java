package org.sekimori.keys.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads claims by dotted path, as identity providers nest them (e.g. {@code realm_access.roles}). */
public final class ClaimPaths {

    private ClaimPaths() {
    }

    /**
     * The strings at {@code path}: one string, or the strings of an array; empty when the path leads
     * nowhere or to something else.
     */
    public static List<String> strings(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String step : path.split("\\.", -1)) {
            if (!(value instanceof Map<?, ?> object)) {
                return List.of();
            }
            value = object.get(step);
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> array) {
            array.stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
        }
        return List.copyOf(strings);
    }
}
