package org.sekimori.gateway.admin;

import java.util.Objects;

/**
 * How many records a data system holds, as it said when the ledger was generated, or why that is
 * unknown. Either way {@code source} says where the number was asked, so a reader can tell a
 * count the data system gave from one it did not.
 */
public sealed interface RecordCount {

    /** Where the count was asked, such as {@code GET /health, member "records"}. */
    String source();

    /** The data system answered with this many records. */
    record Counted(long records, String source) implements RecordCount {
        public Counted {
            if (records < 0) {
                throw new IllegalArgumentException("a count of records is never negative, not " + records);
            }
            Objects.requireNonNull(source, "source");
        }
    }

    /** The data system could not be asked, or did not say; {@code reason} says which. */
    record Unknown(String reason, String source) implements RecordCount {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }
    }
}
