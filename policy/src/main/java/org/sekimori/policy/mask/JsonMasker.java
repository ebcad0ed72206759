package org.sekimori.policy.mask;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.StreamWriteException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * Masks JSON bodies of shape {@link BodyShape#RECORD} (the top-level object is one record) or
 * {@link BodyShape#PAGE} (the top-level object's {@code items} array holds the records; of its other
 * members only numbers, booleans and nulls pass, such as {@code page} and {@code total}).
 *
 * <p>Field names are taken decoded, so {@code "n\u0061me"} is {@code name}; a name that occurs twice
 * in a record is treated at each occurrence. A record is written only once its subject is known, so
 * each record (and only the record) is held in a reused buffer until its end.
 *
 * <p>Treatments of a field's value: show copies it, nested values and all, numbers exactly as
 * written; remove drops the field; mask-last-n masks text, or a number's text; age-band-n takes a
 * whole number of 0 or more; prefecture takes an address object's {@code prefecture} member, or the
 * prefecture a text address starts with; month takes text starting with YYYY-MM; pseudonymise
 * replaces a scalar by the pseudonym of its text and an object or array by the pseudonym of its
 * compact JSON. {@code null} stays {@code null}. Anything else (a boolean to mask, text to band, an
 * address without a prefecture) is an {@link UnmaskableBodyException}, as is nesting deeper than
 * {@link #MAX_DEPTH}, malformed JSON, content after the top-level object, and a record without its
 * subject key when use stops or consent depend on it.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class JsonMasker implements BodyMasker {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // One above ours, so the parser hands over the level that is too deep and the
                    // masker, which checks every level, reports it with its place.
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength(MAX_TEXT_LENGTH)
                    .maxNumberLength(1000)
                    .build())
            // RFC 8259: JSON between systems is UTF-8. A body in another encoding is refused, not guessed at.
            .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
            // The caller owns both streams.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET, StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            // Closing a generator hands its buffers back for reuse; after an error it must not also
            // complete the half-written value.
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            // The maskers write names, colons and commas themselves and use the generator for single
            // values, each a "root" value: nothing may come between them.
            .rootValueSeparator((String) null)
            .build();

    /** How a record field is handled: its treatment, its name as JSON ready to write, and whether it names the subject. */
    record Field(Treatment treatment, SerializableString jsonName, boolean subjectKey) {
    }

    static final Field REMOVED = new Field(Treatment.REMOVE, null, false);

    private final Obligations obligations;
    private final Pseudonymiser pseudonymiser;
    private final BodyShape shape;
    private final Map<String, Field> fields;
    private final boolean subjectRequired;

    /**
     * @throws IllegalArgumentException when {@code shape} is not {@link BodyShape#RECORD} or {@link BodyShape#PAGE}
     */
    public JsonMasker(Obligations obligations, Pseudonymiser pseudonymiser, BodyShape shape) {
        this.obligations = Objects.requireNonNull(obligations, "obligations");
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (shape != BodyShape.RECORD && shape != BodyShape.PAGE) {
            throw new IllegalArgumentException("a JSON masker masks RECORD or PAGE bodies, not " + shape);
        }
        Map<String, Field> known = new HashMap<>();
        obligations.items().forEach((item, treatment) -> {
            if (!(treatment instanceof Treatment.Remove)) {
                known.put(item, new Field(treatment, jsonName(item), item.equals(obligations.subjectKey())));
            }
        });
        known.putIfAbsent(obligations.subjectKey(), new Field(Treatment.REMOVE, null, true));
        this.fields = Map.copyOf(known);
        this.subjectRequired = Subjects.required(obligations);
    }

    @Override
    public MaskReport mask(InputStream in, OutputStream out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), in);
                JsonMaskRun run = new JsonMaskRun(this, parser, out)) {
            return run.mask();
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(e.getCause());
        } catch (StreamConstraintsException e) {
            // Jackson's constraint messages give lengths and limits only, never content.
            throw new UnmaskableBodyException("body exceeds a parser limit: " + e.getOriginalMessage());
        } catch (StreamReadException e) {
            // Not e.getMessage(): it may quote the offending token, which may be personal data.
            throw new UnmaskableBodyException("body is not valid JSON" + JsonValues.where(e.getLocation()));
        } catch (StreamWriteException e) {
            // Not expected (a lone surrogate, for one, is written back escaped), but never passed on unmasked.
            throw new UnmaskableBodyException("body holds a value that cannot be written back as JSON");
        } catch (JacksonException e) {
            throw new UnmaskableBodyException("body is not valid JSON" + JsonValues.where(e.getLocation()));
        }
    }

    Obligations obligations() {
        return obligations;
    }

    Pseudonymiser pseudonymiser() {
        return pseudonymiser;
    }

    BodyShape shape() {
        return shape;
    }

    boolean subjectRequired() {
        return subjectRequired;
    }

    /** How the record field {@code name} is handled; {@link #REMOVED} for a field the permit does not grant. */
    Field field(String name) {
        return fields.getOrDefault(name, REMOVED);
    }

    private static SerializableString jsonName(String item) {
        return new SerializedString("\"" + new String(JsonStringEncoder.getInstance().quoteAsCharArray(item)) + "\":");
    }
}
