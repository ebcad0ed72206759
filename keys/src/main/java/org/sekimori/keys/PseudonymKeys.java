package org.sekimori.keys;

import java.util.List;

/**
 * The keys pseudonyms are made with as the key rotates: one makes new pseudonyms, and every key
 * whose secret is still held can recompute the pseudonyms it made, so that they can be searched.
 */
public interface PseudonymKeys {

    /** The key new pseudonyms are made with. */
    PseudonymKey active();

    /** Every key whose pseudonyms can still be recomputed, the active one first. */
    List<PseudonymKey> searchable();
}
