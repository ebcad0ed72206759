package org.sekimori.policy.mask;

import org.sekimori.policy.mask.Treatment.AgeBand;

/**
 * The treatments that change a value, on the value's text, shared by the JSON and CSV maskers. Each
 * either returns the treated text or throws {@link UnmaskableBodyException} naming the item and
 * what its value is, never the value.
 */
final class ValueTransforms {

    /** The largest age an age band accepts; beyond it the value is not an age, and band arithmetic would overflow. */
    static final long MAX_AGE = Integer.MAX_VALUE;

    private ValueTransforms() {
    }

    /**
     * Every code point of {@code text} but the last {@code keepLast} replaced by '*'; all of them when
     * the text is no longer than {@code keepLast}, so a short value is never shown whole.
     */
    static String mask(String text, int keepLast) {
        int length = text.codePointCount(0, text.length());
        if (length <= keepLast) {
            return "*".repeat(length);
        }
        int kept = text.offsetByCodePoints(0, length - keepLast);
        return "*".repeat(length - keepLast).concat(text.substring(kept));
    }

    /** The band {@code age} falls in, as text: width 10 turns 37 into "30-39". */
    static String ageBand(String item, long age, AgeBand band) {
        if (age < 0) {
            throw cannotApply(item, "is a negative number", band);
        }
        if (age > MAX_AGE) {
            throw cannotApply(item, "is a number too large to be an age", band);
        }
        long low = age - age % band.width();
        return low + "-" + (low + band.width() - 1);
    }

    /** {@link #ageBand(String, long, AgeBand)} for an age written as text (a CSV cell): digits only. */
    static String ageBandOfText(String item, String text, AgeBand band) {
        if (text.indexOf(';') >= 0) {
            throw cannotApply(item, "has several values", band);
        }
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        // At most 10 digits: anything longer is beyond MAX_AGE anyway, and parsing stays within a long.
        if (text.length() == start || text.length() - start > 10 || !digits(text, start, text.length())) {
            throw cannotApply(item, "is text that is not a whole number", band);
        }
        long age = Long.parseLong(text, start, text.length(), 10);
        return ageBand(item, negative ? -age : age, band);
    }

    /** The leading prefecture name of an address written as text. */
    static String prefecture(String item, String address) {
        String prefecture = Prefectures.leading(address);
        if (prefecture == null) {
            throw cannotApply(item, "is text that does not start with a prefecture name", Treatment.PREFECTURE);
        }
        return prefecture;
    }

    /** "YYYY-MM" of a date ("2021-04-09") or date-time ("2021-04-09T03:26:42Z"), or of "2021-04" itself. */
    static String month(String item, String text) {
        boolean month = text.length() >= 7 && digits(text, 0, 4) && text.charAt(4) == '-' && digits(text, 5, 7)
                && (text.length() == 7 || text.charAt(7) == '-');
        if (month) {
            int number = (text.charAt(5) - '0') * 10 + (text.charAt(6) - '0');
            if (number >= 1 && number <= 12) {
                return text.substring(0, 7);
            }
        }
        throw cannotApply(item, "is text that does not start with a date (YYYY-MM)", Treatment.MONTH);
    }

    /**
     * The error for a value its treatment cannot apply to: "item 'age' is text; age-band-10 needs a
     * whole number".
     *
     * @param problem what the value is, without the value: "is text", "is an object", "has several values"
     */
    static UnmaskableBodyException cannotApply(String item, String problem, Treatment treatment) {
        return new UnmaskableBodyException("item '" + item + "' " + problem + "; " + treatment.label()
                + " needs " + needs(treatment));
    }

    /** What a treatment needs of a value, for error messages. */
    static String needs(Treatment treatment) {
        if (treatment instanceof Treatment.Mask) {
            return "text or a number";
        }
        if (treatment instanceof AgeBand) {
            return "a whole number";
        }
        if (treatment instanceof Treatment.Prefecture) {
            return "an address: text starting with a prefecture name, or an object with a prefecture member";
        }
        if (treatment instanceof Treatment.Month) {
            return "a date or date-time";
        }
        return "any value"; // show, pseudonymise and remove take anything
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
