package org.sekimori.demo.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.schema.FieldType.IsoInstant;
import org.sekimori.demo.schema.FieldType.Struct;

/**
 * The layout of one system's records: the id first, then the fields a client writes, then
 * {@value #UPDATED_AT}. The id and {@value #UPDATED_AT} belong to the server: clients may echo
 * them back (a read-modify-write should just work) but cannot choose them.
 */
public final class RecordSchema {

    public static final String UPDATED_AT = "updatedAt";

    private final String idField;
    private final Struct content;
    private final Struct layout;

    public RecordSchema(String idField, FieldType idType, List<Field> contentFields) {
        this.idField = idField;
        this.content = new Struct(contentFields);
        List<Field> all = new ArrayList<>();
        all.add(Field.required(idField, idType));
        all.addAll(contentFields);
        all.add(Field.required(UPDATED_AT, new IsoInstant()));
        this.layout = new Struct(all);
    }

    public String idField() {
        return idField;
    }

    /** Every field of a stored record, in stored order. */
    public Struct layout() {
        return layout;
    }

    /**
     * Checks a request body and returns its client-written fields in stored form.
     *
     * @param expectedId the id the body describes, or null when creating (the server picks it)
     * @throws InvalidRecordException listing every problem found
     */
    public ObjectNode validate(JsonNode body, String expectedId) {
        Problems problems = new Problems();
        if (body == null || !body.isObject()) {
            problems.add("", "the body must be one JSON object with the fields " + String.join(", ", content.names()));
            throw new InvalidRecordException(problems.list());
        }
        ObjectNode clientFields = ((ObjectNode) body).deepCopy();
        JsonNode id = clientFields.remove(idField);
        if (id != null && expectedId == null) {
            problems.add(idField, "is assigned by the server; leave it out when creating");
        } else if (id != null && !(id.isString() && id.stringValue().equals(expectedId))) {
            problems.add(idField, "must be \"" + expectedId + "\" (the id in the path) or left out");
        }
        JsonNode updatedAt = clientFields.remove(UPDATED_AT);
        if (updatedAt != null && !updatedAt.isNull()) {
            // Checked so a typo is not silently accepted; the server sets the real value anyway.
            new IsoInstant().normalize(updatedAt, UPDATED_AT, problems);
        }
        ObjectNode normalized = content.normalize(clientFields, "", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRecordException(problems.list());
        }
        return normalized;
    }

    /** Builds the stored record from validated client fields and the server-owned ones. */
    public ObjectNode assemble(String id, ObjectNode clientFields, Instant updatedAt) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put(idField, id);
        for (String name : content.names()) {
            record.set(name, clientFields.get(name));
        }
        record.put(UPDATED_AT, updatedAt.toString());
        return record;
    }

    /** The type of the field a JSON pointer such as {@code /postalAddress/prefecture} names. */
    public FieldType typeAt(String jsonPointer) {
        FieldType type = layout;
        for (String name : jsonPointer.substring(1).split("/")) {
            Field field = type instanceof Struct struct ? struct.field(name) : null;
            if (field == null) {
                throw new IllegalArgumentException("No field at " + jsonPointer);
            }
            type = field.type();
        }
        return type;
    }
}
