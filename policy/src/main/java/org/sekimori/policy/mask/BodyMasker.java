package org.sekimori.policy.mask;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Applies one permit's {@link Obligations} to the response bodies of one route: each record's items
 * treated, items not granted removed, records of subjects whose use is stopped left out, items that
 * need consent removed from the records of subjects who did not give it.
 *
 * <p>Built once per decision; immutable and safe to use from several threads. Each call reads the
 * body once, as a stream, holding at most one record in memory.
 */
public interface BodyMasker {

    /** The deepest nesting of objects and arrays a JSON body may have (the top-level value is level 1). */
    int MAX_DEPTH = 64;

    /**
     * The longest text (a JSON string, a CSV cell) accepted, in characters: far above any record
     * field, far below what would exhaust memory.
     */
    int MAX_TEXT_LENGTH = 10_000_000;

    /**
     * The masker for bodies of {@code shape}.
     *
     * @throws IllegalArgumentException for {@link BodyShape#NONE}: such a body holds no records to mask
     */
    static BodyMasker of(Obligations obligations, Pseudonymiser pseudonymiser, BodyShape shape) {
        Objects.requireNonNull(shape, "shape");
        return switch (shape) {
            case RECORD, PAGE -> new JsonMasker(obligations, pseudonymiser, shape);
            case CSV -> new CsvMasker(obligations, pseudonymiser);
            case NONE -> throw new IllegalArgumentException("a body of shape NONE holds no records to mask");
        };
    }

    /**
     * Reads the upstream body from {@code in} and writes the masked body to {@code out}. Neither
     * stream is closed; {@code out} is flushed.
     *
     * <p>When this throws, {@code out} may already hold the start of the masked body (records are
     * written as soon as they are decided, so memory stays bounded by one record): the caller must
     * discard it, not send it.
     *
     * @return what was returned, withheld and seen
     * @throws UnmaskableBodyException when the body is malformed, has the wrong shape, or holds a value
     *     its item's treatment cannot apply to
     * @throws java.io.UncheckedIOException when reading {@code in} or writing {@code out} fails
     */
    MaskReport mask(InputStream in, OutputStream out);

    /** {@link #mask(InputStream, OutputStream)} for a body held in memory; all or nothing. */
    default MaskedBody mask(byte[] body) {
        Objects.requireNonNull(body, "body");
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, body.length / 2));
        MaskReport report = mask(new ByteArrayInputStream(body), out);
        return new MaskedBody(out.toByteArray(), report);
    }
}
