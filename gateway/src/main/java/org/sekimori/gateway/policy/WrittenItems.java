package org.sekimori.gateway.policy;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The data items a write carries: the member names of the JSON object in its body, decoded, so an
 * escaped name ({@code "n\u0061me"}) counts as what it spells.
 */
final class WrittenItems {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private WrittenItems() {
    }

    /** Thrown for a body that is not one JSON object; the message says so without quoting it. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static Set<String> of(byte[] body) throws Unreadable {
        Set<String> items = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Unreadable("The body must be one JSON object whose members are the record's data items.");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                items.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new Unreadable("The body has content after its JSON object.");
            }
        } catch (JacksonException e) {
            throw new Unreadable("The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        }
        return items;
    }
}
