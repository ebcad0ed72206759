package org.sekimori.keys.store;

import java.time.Instant;

/** One key of a ring as its file lists it; {@code publicPart} is empty for a key that has none. */
record RingEntry(String id, KeyState state, Instant created, byte[] publicPart) {

    RingEntry {
        publicPart = publicPart.clone();
    }

    @Override
    public byte[] publicPart() {
        return publicPart.clone();
    }

    RingEntry in(KeyState next) {
        return new RingEntry(id, next, created, publicPart);
    }

    KeyDescription description() {
        return new KeyDescription(id, state, created);
    }
}
