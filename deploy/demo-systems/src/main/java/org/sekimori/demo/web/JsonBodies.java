package org.sekimori.demo.web;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies ourselves (rather than binding them to classes) so that a body that is not
 * JSON, and a body that is JSON of the wrong shape, each get a precise message.
 */
@Component
class JsonBodies {

    private final ObjectReader reader;

    JsonBodies(JsonMapper json) {
        // Duplicate keys and trailing garbage are refused: either would make "what was sent" ambiguous.
        this.reader = json.readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    JsonNode parse(byte[] body) {
        try {
            JsonNode node = reader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The body is empty; send the record as one JSON object.");
            }
            return node;
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw ApiException.badRequest("The body is not valid JSON" + position + ": " + e.getOriginalMessage()
                    + ". Send the record as one JSON object.");
        }
    }
}
