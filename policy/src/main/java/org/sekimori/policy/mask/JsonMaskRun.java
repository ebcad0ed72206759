package org.sekimori.policy.mask;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;

/**
 * One masking call of a {@link JsonMasker}: walks the body's shape, masks each record into a
 * buffer, and writes the record out once its subject decides it.
 *
 * <p>A record's fields are written, treated, one after another into {@code record}, and the place
 * of each is noted: what is left out for lack of consent is only known at the record's end, when
 * the subject key has been read wherever it stood. The generator writes single values only; this
 * class writes the braces, names, colons and commas around them.
 */
final class JsonMaskRun implements AutoCloseable {

    /** The names a page's counts and flags may have. */
    private static final Pattern METADATA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    /** Output is passed to the caller in chunks of about this size. */
    private static final int CHUNK = 8 * 1024;

    private final JsonMasker masker;
    private final Obligations obligations;
    private final JsonParser parser;
    private final OutputStream target;
    // Sized for a typical record; both grow (once, usually never) when a record is larger. The output
    // is drained whenever it reaches CHUNK, so it never holds more than a chunk and a record.
    private final ByteSink record = new ByteSink(2048);
    private final ByteSink out = new ByteSink(CHUNK + 2048);
    private final JsonGenerator generator;
    private final JsonValues values;

    /** Each field seen in this body, with how it is handled: one map lookup per field, and the report's item names. */
    private final Map<String, JsonMasker.Field> seen = new HashMap<>();
    private final List<String> subjects = new ArrayList<>();
    private int returned;
    private int withheld;

    // The fields of the record being masked: name, and start and end in the record buffer.
    private String[] fieldNames = new String[32];
    private int[] fieldBounds = new int[64];
    private int fieldCount;

    JsonMaskRun(JsonMasker masker, JsonParser parser, OutputStream target) {
        this.masker = masker;
        this.obligations = masker.obligations();
        this.parser = parser;
        this.target = target;
        this.generator = JsonMasker.FACTORY.createGenerator(ObjectWriteContext.empty(), record);
        this.values = new JsonValues(parser, generator, masker.pseudonymiser(), obligations.dataSystem());
    }

    MaskReport mask() {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new UnmaskableBodyException("body is empty; " + expected());
        }
        if (first != JsonToken.START_OBJECT) {
            throw new UnmaskableBodyException("body is " + JsonValues.kind(first) + "; " + expected());
        }
        values.checkDepth();
        if (masker.shape() == BodyShape.PAGE) {
            page();
        } else {
            recordAt(null);
        }
        if (parser.nextToken() != null) {
            throw new UnmaskableBodyException("body has more after its JSON object" + JsonValues.where(
                    parser.currentTokenLocation()));
        }
        out.drainTo(target);
        try {
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MaskReport(returned, withheld, subjects, seen.keySet());
    }

    /** Releases the generators' buffers (for the next call to reuse); the caller's streams stay open. */
    @Override
    public void close() {
        generator.close();
        values.close();
    }

    private String expected() {
        return masker.shape() == BodyShape.PAGE ? "a page must be a JSON object with an items array"
                : "a record must be a JSON object";
    }

    /** The page object: its items array masked record by record, its other members kept only when scalar. */
    private void page() {
        boolean scoped = !obligations.rows().everyRecord();
        out.write('{');
        boolean items = false;
        int members = 0;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("items")) {
                if (items) {
                    throw new UnmaskableBodyException("page has more than one items member");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new UnmaskableBodyException("page member 'items' is " + JsonValues.kind(value)
                            + "; it must be an array of records");
                }
                items = true;
                member(members++, name);
                records();
            } else if (!scoped && value.isScalarValue() && value != JsonToken.VALUE_STRING
                    && METADATA_NAME.matcher(name).matches()) {
                // Counts and flags (page, size, total) say nothing about a person; text might, and so
                // might a member's name. With a row scope even a count does: how many records exist
                // outside the handler's scope.
                member(members++, name);
                values.copy(generator);
                flushGenerator();
                out.append(record, 0, record.size());
                record.reset();
            } else {
                values.skip();
            }
        }
        if (!items) {
            throw new UnmaskableBodyException("page has no items member; it must have an array of records");
        }
        out.write('}');
    }

    /** Writes the separator and name of a page member; the name goes through the generator to be escaped. */
    private void member(int index, String name) {
        if (index > 0) {
            out.write(',');
        }
        generator.writeString(name);
        generator.writeRaw(':');
        flushGenerator();
        out.append(record, 0, record.size());
        record.reset();
    }

    private void records() {
        out.write('[');
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String place = "items[" + index + "]";
            if (token != JsonToken.START_OBJECT) {
                throw new UnmaskableBodyException(place + " is " + JsonValues.kind(token) + "; a record must be an object");
            }
            values.checkDepth();
            recordAt(place);
            index++;
        }
        out.write(']');
    }

    /** Masks the record whose START_OBJECT the parser is on; {@code place} prefixes errors (null for a record body). */
    private void recordAt(String place) {
        try {
            record();
        } catch (UnmaskableBodyException e) {
            throw place == null ? e : e.at(place);
        }
    }

    private void record() {
        fieldCount = 0;
        String subject = null;
        boolean subjectSeen = false;
        RecordScope scope = obligations.rows();
        // A record is in the handler's scope only when its scope item holds an admitted text or number.
        boolean inScope = scope.everyRecord();
        boolean scopeSeen = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonMasker.Field field = seen.get(name);
            if (field == null) {
                field = masker.field(name);
                seen.put(name, field);
            }
            JsonToken value = parser.nextToken();
            if (field.subjectKey()) {
                String key = subject(name, value);
                if (subjectSeen && !Objects.equals(key, subject)) {
                    throw new UnmaskableBodyException("item '" + name
                            + "' (the subject key) appears more than once with different values");
                }
                subject = key;
                subjectSeen = true;
            }
            if (!scope.everyRecord() && name.equals(scope.item())) {
                // Every occurrence of a repeated scope item must be admitted, not just the last.
                boolean admitted = (value == JsonToken.VALUE_STRING || value.isNumeric())
                        && scope.admits(parser.getString());
                inScope = scopeSeen ? inScope && admitted : admitted;
                scopeSeen = true;
            }
            if (field.treatment() instanceof Treatment.Remove) {
                values.skip();
                continue;
            }
            int start = position();
            generator.writeRaw(field.jsonName());
            values.write(name, field.treatment(), value);
            addField(name, start, position());
        }
        flushGenerator();
        if (subject == null && masker.subjectRequired()) {
            throw Subjects.unknown(obligations.subjectKey(), subjectSeen ? "is null" : "is missing");
        }
        if (subject != null && obligations.withheld(subject) || !inScope) {
            withheld++;
        } else {
            writeRecord(subject);
            returned++;
            if (subject != null) {
                subjects.add(subject);
            }
        }
        record.reset();
        if (out.size() >= CHUNK) {
            out.drainTo(target);
        }
    }

    /** The subject a subject-key value names: text or a number, as written; null for null. */
    private String subject(String name, JsonToken value) {
        if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
            return parser.getString();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new UnmaskableBodyException("item '" + name + "' (the subject key) is " + JsonValues.kind(value)
                + "; a subject key must be text or a number");
    }

    /** Writes the buffered record, leaving out the fields its subject did not consent to show. */
    private void writeRecord(String subject) {
        if (returned > 0) {
            out.write(',');
        }
        out.write('{');
        boolean first = true;
        for (int i = 0; i < fieldCount; i++) {
            if (obligations.removedForConsent(fieldNames[i], subject)) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            out.append(record, fieldBounds[2 * i], fieldBounds[2 * i + 1]);
            first = false;
        }
        out.write('}');
    }

    /** Where the generator's next byte goes in the record buffer, without flushing it. */
    private int position() {
        return record.size() + generator.streamWriteOutputBuffered();
    }

    private void flushGenerator() {
        generator.flush();
    }

    private void addField(String name, int start, int end) {
        if (fieldCount == fieldNames.length) {
            fieldNames = Arrays.copyOf(fieldNames, fieldCount * 2);
            fieldBounds = Arrays.copyOf(fieldBounds, fieldCount * 4);
        }
        fieldNames[fieldCount] = name;
        fieldBounds[2 * fieldCount] = start;
        fieldBounds[2 * fieldCount + 1] = end;
        fieldCount++;
    }
}
