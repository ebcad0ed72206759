package org.sekimori.gateway.audit.chain;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lines of an NDJSON file, read afresh for every pass. Lines end at a line feed only (an export
 * escapes every other line break) and must be UTF-8: a line that is not, or that is longer than any
 * record could be, is reported by its number as an {@link UnreadableLine}, so that bytes spliced
 * into an export show where they are rather than making the whole file unreadable.
 */
public final class ExportFile {

    /** Far above any record (a user agent is cut at 256 characters), far below a memory's worth. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private ExportFile() {
    }

    /** A line that cannot be read as text, by its number from 1. */
    static final class UnreadableLine extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final long line;

        UnreadableLine(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** The lines of {@code file}; an {@link UncheckedIOException} when it cannot be read. */
    public static Supplier<Stream<String>> lines(Path file) {
        return () -> {
            InputStream in;
            try {
                in = new BufferedInputStream(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Lines(in),
                    Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> close(in));
        };
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Lines implements Iterator<String> {

        private final InputStream in;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long number;
        private String next;
        private boolean ended;

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                next = read();
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String line = next;
            next = null;
            return line;
        }

        private String read() {
            bytes.reset();
            int b;
            try {
                while ((b = in.read()) != -1 && b != '\n') {
                    if (bytes.size() == MAX_LINE_BYTES) {
                        throw new UnreadableLine(number + 1, "it is longer than " + MAX_LINE_BYTES + " bytes");
                    }
                    bytes.write(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (b == -1 && bytes.size() == 0) {
                ended = true;
                return null;
            }
            number++;
            try {
                return utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new UnreadableLine(number, "it is not UTF-8 text");
            }
        }
    }
}
