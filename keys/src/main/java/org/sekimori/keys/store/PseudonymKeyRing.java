package org.sekimori.keys.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sekimori.keys.PseudonymKey;
import org.sekimori.keys.PseudonymKeys;
import org.sekimori.keys.Pseudonyms;

/**
 * The HMAC keys that make the pseudonyms in records, as they rotate: give it to
 * {@link Pseudonyms#Pseudonyms(PseudonymKeys)}. The active key makes new pseudonyms; a search by
 * value looks for its pseudonym under every key not retired ({@link #searchable()}), since records
 * made before a rotation carry the old key's. A retired key's secret is destroyed: records carrying
 * its pseudonyms can no longer be found by value, only by their other fields; retiring a key is
 * how old pseudonyms are made unlinkable for good.
 */
public final class PseudonymKeyRing implements PseudonymKeys {

    private final KeyRing ring;
    private final Map<String, PseudonymKey> keys = new ConcurrentHashMap<>();

    PseudonymKeyRing(KeyRing ring) {
        this.ring = ring;
        active(); // fails now, not on the first request, when the key store cannot compute with it
    }

    /** Rotation, retirement and the list of keys. */
    public KeyRing ring() {
        return ring;
    }

    @Override
    public PseudonymKey active() {
        return key(ring.active().id());
    }

    /** The active key, then the verify-only keys, newest first. */
    @Override
    public List<PseudonymKey> searchable() {
        List<RingEntry> newestFirst = new ArrayList<>(ring.entries());
        Collections.reverse(newestFirst);
        return newestFirst.stream().filter(entry -> entry.state() != KeyState.RETIRED)
                .sorted(Comparator.comparing(entry -> entry.state() != KeyState.ACTIVE))
                .map(entry -> key(entry.id())).toList();
    }

    /** The key {@code id}, which must not be retired: its secret is gone. */
    public PseudonymKey key(String id) {
        if (ring.entry(id).state() == KeyState.RETIRED) {
            keys.remove(id);
            throw new IllegalArgumentException("pseudonym key " + id + " is retired: its secret was destroyed, and the "
                    + "pseudonyms it made can no longer be recomputed");
        }
        String alias = ring.alias(id);
        return keys.computeIfAbsent(id, absent -> new PseudonymKey(id, () -> ring.backend().mac(alias)));
    }
}
