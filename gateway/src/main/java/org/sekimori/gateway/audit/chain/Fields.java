package org.sekimori.gateway.audit.chain;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the required members of an export line, saying which one is missing or wrong. */
final class Fields {

    private Fields() {
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("'" + name + "' is missing or not a string");
        }
        return value.stringValue();
    }

    static long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + name + "' is missing or not an integer");
        }
        return value.longValue();
    }

    static ObjectNode object(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("'" + name + "' is missing or not an object");
        }
        return (ObjectNode) value;
    }
}
