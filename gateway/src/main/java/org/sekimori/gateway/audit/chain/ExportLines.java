package org.sekimori.gateway.audit.chain;

import java.util.Arrays;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes records and checkpoints as lines of an export (NDJSON), safe to read in a terminal or an
 * editor. A record holds values a client chose (its user agent), and JSON lets most characters stand
 * as they are: a line separator could split a line in two and forge a record after it, a terminal
 * control could rewrite what is shown, a bidi control could reorder it. So every character that
 * breaks or bends a line is written as its escape: C0 and C1 controls, DEL, U+2028 and U+2029, the
 * bidi and format controls (U+061C, U+200B to U+200F, U+202A to U+202E, U+2060 to U+2069, U+FEFF),
 * and surrogates, so that a lone one survives encoding to UTF-8 (a pair is written as two escapes).
 * Escapes are in lower-case hex, as in the canonical form. The hashes do not change: the verifier
 * parses a line and hashes its canonical form.
 */
public final class ExportLines {

    private static final JsonMapper JSON = JsonMapper.builder(
            JsonFactory.builder().characterEscapes(new LineSafeEscapes())
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build()).build();

    private ExportLines() {
    }

    /** The record as one line, without its line break. */
    public static String of(ChainEntry entry) {
        return JSON.writeValueAsString(entry.toJson());
    }

    /** The checkpoint as one line, without its line break. */
    public static String of(Checkpoint checkpoint) {
        return JSON.writeValueAsString(checkpoint.toJson());
    }

    /** Whether a character is written as its escape wherever it stands in a line. */
    static boolean escaped(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || (c >= 0x200b && c <= 0x200f)
                || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff
                || Character.isSurrogate((char) c);
    }

    /** Jackson's escapes for JSON, and a six-character unicode escape for the rest of {@link #escaped}. */
    private static final class LineSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii;

        LineSafeEscapes() {
            ascii = Arrays.copyOf(standardAsciiEscapesForJSON(), 128);
            ascii[0x7f] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return escaped(c) ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
