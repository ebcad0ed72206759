package org.sekimori.demo.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem with a document instead of stopping at the first, so a client can fix
 * them all in one round trip.
 */
public final class Problems {

    private final List<String> messages = new ArrayList<>();

    public void add(String path, String message) {
        messages.add(path.isEmpty() ? message : path + ": " + message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(messages);
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
