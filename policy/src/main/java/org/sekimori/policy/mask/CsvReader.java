package org.sekimori.policy.mask;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/**
 * Reads RFC 4180 CSV row by row: cells separated by commas, rows ended by CRLF or LF, a cell in
 * double quotes may hold commas, line breaks and doubled quotes. A byte order mark before the first
 * row is skipped. Anything RFC 4180 does not allow (a quote inside an unquoted cell, text after a
 * closing quote, a quote never closed, a carriage return that does not end a row) is an error: a
 * body two readers could split differently is not one to mask.
 *
 * <p>The reader is the caller's, decoding UTF-8 strictly; one reader per body, not thread-safe.
 */
final class CsvReader {

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private final StringBuilder cell = new StringBuilder(64);
    private final int maxCellLength;
    private int position;
    private int limit;
    private int row;

    CsvReader(Reader in, int maxCellLength) {
        this.in = in;
        this.maxCellLength = maxCellLength;
    }

    /** The number of the row last read: 1 for the header. */
    int row() {
        return row;
    }

    /**
     * Reads the next row's cells into {@code cells} (cleared first).
     *
     * @return false at the end of the body, when there is no further row
     */
    boolean next(List<String> cells) {
        cells.clear();
        int c = read();
        if (row == 0 && c == '\uFEFF') {
            c = read();
        }
        if (c == EOF) {
            return false;
        }
        row++;
        while (true) {
            cell.setLength(0);
            c = c == '"' ? quoted() : unquoted(c);
            cells.add(cell.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r' && read() != '\n') {
                throw new UnmaskableBodyException("row " + row + " has a carriage return that does not end the row");
            }
            return true; // LF, CRLF or the end of the body
        }
    }

    /** Reads an unquoted cell starting with {@code c}; returns the character after it. */
    private int unquoted(int c) {
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
            if (c == '"') {
                throw new UnmaskableBodyException("row " + row + " has a quote inside an unquoted cell");
            }
            append(c);
            c = read();
        }
        return c;
    }

    /** Reads a quoted cell whose opening quote was just read; returns the character after its closing quote. */
    private int quoted() {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new UnmaskableBodyException("row " + row + " has a quote that is never closed");
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        throw new UnmaskableBodyException("row " + row + " has text after a closing quote");
                    }
                    return c;
                }
            }
            append(c);
        }
    }

    private void append(int c) {
        if (cell.length() == maxCellLength) {
            throw new UnmaskableBodyException("row " + row + " has a cell longer than " + maxCellLength + " characters");
        }
        cell.append((char) c);
    }

    private int read() {
        if (position == limit) {
            try {
                limit = in.read(buffer);
            } catch (CharacterCodingException e) {
                throw new UnmaskableBodyException("body is not valid UTF-8 (row " + Math.max(row, 1) + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }
}
