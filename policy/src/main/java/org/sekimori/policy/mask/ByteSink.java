package org.sekimori.policy.mask;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that is reset and reused rather than reallocated: one per masking call
 * holds the record being decided, another what is on its way to the caller. Unsynchronised, unlike
 * {@link java.io.ByteArrayOutputStream}: each belongs to one call on one thread.
 */
final class ByteSink extends OutputStream {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Appends bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code other}. */
    void append(ByteSink other, int from, int to) {
        write(other.bytes, from, to - from);
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Passes everything held to {@code out} and empties this sink. */
    void drainTo(OutputStream out) {
        try {
            out.write(bytes, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = 0;
    }

    /** What is held, decoded as UTF-8. */
    String utf8() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, Math.addExact(size, more)));
        }
    }
}
