package org.sekimori.gateway.audit.store;

import java.util.List;
import org.sekimori.gateway.audit.chain.ChainEntry;

/** An entry ready to be written: the chained record and the subject pseudonyms to index it by. */
public record StoredEntry(ChainEntry entry, List<String> subjects) {

    public StoredEntry {
        subjects = List.copyOf(subjects);
    }
}
