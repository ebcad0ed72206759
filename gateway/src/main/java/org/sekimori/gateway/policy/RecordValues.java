package org.sekimori.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The values one item has in a JSON record, every occurrence of it (a repeated key counts each
 * time): text and numbers as written, anything else as null, so that a check on them cannot be
 * passed by a structure or a second key.
 */
final class RecordValues {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private RecordValues() {
    }

    /** The values of {@code item} in the record; an unreadable record has the single value null. */
    static List<String> of(byte[] record, String item) {
        List<String> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return nullOnly();
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean wanted = parser.currentName().equals(item);
                JsonToken value = parser.nextToken();
                if (wanted) {
                    values.add(value == JsonToken.VALUE_STRING || value.isNumeric() ? parser.getString() : null);
                }
                parser.skipChildren();
            }
        } catch (JacksonException e) {
            return nullOnly();
        }
        return values;
    }

    private static List<String> nullOnly() {
        List<String> values = new ArrayList<>();
        values.add(null);
        return values;
    }
}
