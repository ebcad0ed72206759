package org.sekimori.keys.store;

import java.time.Instant;

/** What may be said of a key without its secret: its id, its state and when it was made (or imported). */
public record KeyDescription(String id, KeyState state, Instant created) {
}
