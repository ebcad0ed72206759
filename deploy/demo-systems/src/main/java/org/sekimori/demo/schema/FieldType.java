package org.sekimori.demo.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape a JSON value must have. The same description drives request validation, the
 * filter-value checks and the CSV column layout, so the three cannot drift apart.
 */
public sealed interface FieldType {

    /**
     * Returns the value in its stored form, or adds to {@code problems} and returns null.
     * Never called with a JSON null: nullability belongs to the {@link Field}, not the type.
     */
    JsonNode normalize(JsonNode value, String path, Problems problems);

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A non-blank string, optionally constrained by a pattern explained in words for the client. */
    record Text(int maxLength, Pattern pattern, String patternHint) implements FieldType {

        public static Text upTo(int maxLength) {
            return new Text(maxLength, null, null);
        }

        public static Text matching(int maxLength, String regex, String hint) {
            return new Text(maxLength, Pattern.compile(regex), hint);
        }

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isString() || value.stringValue().isBlank()) {
                problems.add(path, "must be a non-empty string");
                return null;
            }
            String text = value.stringValue();
            if (text.length() > maxLength) {
                problems.add(path, "must be at most " + maxLength + " characters long");
                return null;
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                problems.add(path, "must be " + patternHint);
                return null;
            }
            return value;
        }
    }

    record OneOf(Set<String> values) implements FieldType {

        public OneOf(List<String> values) {
            this(new LinkedHashSet<>(values));
        }

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isString() || !values.contains(value.stringValue())) {
                problems.add(path, "must be one of " + values.stream()
                        .map(v -> "\"" + v + "\"").collect(Collectors.joining(", ")));
                return null;
            }
            return value;
        }
    }

    record WholeNumber(long min, long max) implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()
                    || value.longValue() < min || value.longValue() > max) {
                problems.add(path, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return value.canConvertToInt() ? NODES.numberNode(value.intValue()) : NODES.numberNode(value.longValue());
        }
    }

    record Decimal(double min, double max) implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
                problems.add(path, "must be a number from " + min + " to " + max);
                return null;
            }
            return NODES.numberNode(value.doubleValue());
        }
    }

    record Flag() implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isBoolean()) {
                problems.add(path, "must be true or false");
                return null;
            }
            return value;
        }
    }

    record IsoDate() implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            try {
                if (value.isString()) {
                    return NODES.stringNode(LocalDate.parse(value.stringValue()).toString());
                }
            } catch (DateTimeParseException e) {
                // reported below, with the format the client should use
            }
            problems.add(path, "must be a date like \"2021-04-01\"");
            return null;
        }
    }

    /** Stored in UTC ("Z") whatever offset the client used, so values compare and sort as text. */
    record IsoInstant() implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            try {
                if (value.isString()) {
                    return NODES.stringNode(Instant.parse(value.stringValue()).toString());
                }
            } catch (DateTimeParseException e) {
                // reported below, with the format the client should use
            }
            problems.add(path, "must be an ISO-8601 instant like \"2021-04-01T09:30:00Z\"");
            return null;
        }
    }

    record ListOf(FieldType element, int maxItems) implements FieldType {

        @Override
        public JsonNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isArray()) {
                problems.add(path, "must be an array (use [] for none)");
                return null;
            }
            if (value.size() > maxItems) {
                problems.add(path, "must have at most " + maxItems + " items");
                return null;
            }
            ArrayNode normalized = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isNull()) {
                    problems.add(Problems.element(path, i), "must not be null");
                    continue;
                }
                JsonNode good = element.normalize(item, Problems.element(path, i), problems);
                if (good != null) {
                    normalized.add(good);
                }
            }
            return normalized;
        }
    }

    /** A JSON object with exactly these fields, rebuilt in this order whatever order the client used. */
    record Struct(List<Field> fields) implements FieldType {

        public Struct {
            fields = List.copyOf(fields);
        }

        public static Struct of(Field... fields) {
            return new Struct(List.of(fields));
        }

        public Field field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }

        public List<String> names() {
            return fields.stream().map(Field::name).toList();
        }

        @Override
        public ObjectNode normalize(JsonNode value, String path, Problems problems) {
            if (!value.isObject()) {
                problems.add(path, "must be a JSON object with the fields " + String.join(", ", names()));
                return null;
            }
            List<String> unknown = new ArrayList<>(value.propertyNames());
            unknown.removeAll(names());
            for (String name : unknown) {
                problems.add(Problems.child(path, name),
                        "unknown field; the allowed fields are " + String.join(", ", names()));
            }
            ObjectNode normalized = NODES.objectNode();
            for (Field field : fields) {
                String fieldPath = Problems.child(path, field.name());
                JsonNode given = value.get(field.name());
                if (given == null || given.isNull()) {
                    if (field.nullable()) {
                        normalized.putNull(field.name());
                    } else {
                        problems.add(fieldPath, "is required");
                    }
                    continue;
                }
                JsonNode good = field.type().normalize(given, fieldPath, problems);
                if (good != null) {
                    normalized.set(field.name(), good);
                }
            }
            return normalized;
        }
    }
}
