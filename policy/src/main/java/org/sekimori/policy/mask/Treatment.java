package org.sekimori.policy.mask;

import java.util.Optional;

/**
 * How one data item appears in what a handler sees. Applies to the whole value of the item (a
 * nested object or an array included); {@code null} stays {@code null} under every treatment.
 *
 * <p>Policy files name a treatment as text: {@code show}, {@code remove}, {@code pseudonymise},
 * {@code mask-last-4} (keep the last 4 characters), {@code age-band-10} (age 37 becomes "30-39"),
 * {@code prefecture} (an address becomes its prefecture) and {@code month} (a date or time becomes
 * "YYYY-MM").
 */
public sealed interface Treatment {

    Show SHOW = new Show();
    Remove REMOVE = new Remove();
    Pseudonymise PSEUDONYMISE = new Pseudonymise();
    Prefecture PREFECTURE = new Prefecture();
    Month MONTH = new Month();

    /** The forms accepted in policy files, for error messages. */
    String FORMS = "show, mask-last-<n>, age-band-<n>, prefecture, month, pseudonymise or remove";

    /** How much of the value the handler sees; the most revealing one wins when grants combine. */
    int disclosure();

    /** The word used for this treatment in decisions, audit records and policy tests. */
    String label();

    /** The value as it is. */
    record Show() implements Treatment {
        public int disclosure() {
            return 6;
        }

        public String label() {
            return "show";
        }
    }

    /** Every character but the last {@code keepLast} replaced by '*'; non-text values as their text. */
    record Mask(int keepLast) implements Treatment {
        public Mask {
            if (keepLast < 0 || keepLast > 16) {
                throw new IllegalArgumentException("keepLast must be 0 to 16, not " + keepLast);
            }
        }

        public int disclosure() {
            return 5;
        }

        public String label() {
            return "mask-last-" + keepLast;
        }
    }

    /** A whole number becomes the band it falls in, as text: width 10 turns 37 into "30-39". */
    record AgeBand(int width) implements Treatment {
        public AgeBand {
            if (width < 2 || width > 50) {
                throw new IllegalArgumentException("an age band must be 2 to 50 years wide, not " + width);
            }
        }

        public int disclosure() {
            return 4;
        }

        public String label() {
            return "age-band-" + width;
        }
    }

    /**
     * An address becomes its prefecture: an object's {@code prefecture} member, or the leading
     * prefecture name of a text address (北海道, 東京都, 大阪府, 京都府 or ...県).
     */
    record Prefecture() implements Treatment {
        public int disclosure() {
            return 4;
        }

        public String label() {
            return "prefecture";
        }
    }

    /** An ISO-8601 date or date-time becomes its month, "YYYY-MM". */
    record Month() implements Treatment {
        public int disclosure() {
            return 4;
        }

        public String label() {
            return "month";
        }
    }

    /** A keyed token in place of the value: stable within a data system, not reversible without the key. */
    record Pseudonymise() implements Treatment {
        public int disclosure() {
            return 2;
        }

        public String label() {
            return "pseudonymise";
        }
    }

    /** The item is left out altogether. */
    record Remove() implements Treatment {
        public int disclosure() {
            return 0;
        }

        public String label() {
            return "remove";
        }
    }

    /** The treatment named by {@code text} as policy files write it, or empty when there is none. */
    static Optional<Treatment> parse(String text) {
        return TreatmentNames.parse(text);
    }
}
