package org.sekimori.policy.mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.regex.Pattern;

/** Writes RFC 4180 CSV: CRLF after each row, quotes only around cells that need them. Not thread-safe. */
final class CsvWriter {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final Writer out;
    private boolean rowStarted;

    CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes the next cell of the current row, quoted when it holds a comma, quote or line break. */
    void cell(String text) {
        try {
            if (rowStarted) {
                out.write(',');
            }
            rowStarted = true;
            if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                out.write(text);
            } else {
                out.write('"');
                out.write(text.replace("\"", "\"\""));
                out.write('"');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the current row. */
    void endRow() {
        try {
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rowStarted = false;
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code text} made safe to open in a spreadsheet: one starting with =, +, -, @, tab or carriage
     * return, which a spreadsheet would run as a formula, gets a leading apostrophe; a plain number
     * such as -12 stays as it is. For what the masker produces (a pseudonym may start with '-', a
     * mask of "-5" is "-5"); cells shown as they are stay the data system's own.
     */
    static String defused(String text) {
        if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 || NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }
}
