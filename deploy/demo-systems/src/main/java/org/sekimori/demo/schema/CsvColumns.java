package org.sekimori.demo.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import org.sekimori.demo.schema.FieldType.ListOf;
import org.sekimori.demo.schema.FieldType.Struct;

/**
 * Flattens a record layout into spreadsheet columns: nested objects become dotted names
 * ({@code postalAddress.city}); array items share one cell, joined with {@value #SEPARATOR}.
 * An array of objects gives one column per member, each listing the items in the same order,
 * so {@code chatMessages.sentAt} and {@code chatMessages.text} line up item by item.
 */
public final class CsvColumns {

    public static final String SEPARATOR = ";";

    private record Column(String name, Function<JsonNode, List<JsonNode>> reach) {

        String cell(JsonNode record) {
            return reach.apply(record).stream().map(JsonNode::asString).collect(Collectors.joining(SEPARATOR));
        }
    }

    private final List<Column> columns = new ArrayList<>();

    public CsvColumns(Struct layout) {
        collect("", layout, List::of);
    }

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    public List<String> row(JsonNode record) {
        return columns.stream().map(column -> column.cell(record)).toList();
    }

    /** {@code reach} maps a whole record to the values found at this position (several inside arrays). */
    private void collect(String name, FieldType type, Function<JsonNode, List<JsonNode>> reach) {
        if (type instanceof Struct struct) {
            for (Field field : struct.fields()) {
                collect(Problems.child(name, field.name()), field.type(),
                        reach.andThen(nodes -> members(nodes, field.name())));
            }
        } else if (type instanceof ListOf list) {
            collect(name, list.element(), reach.andThen(CsvColumns::items));
        } else {
            columns.add(new Column(name, reach));
        }
    }

    private static List<JsonNode> members(List<JsonNode> nodes, String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode node : nodes) {
            JsonNode member = node.get(name);
            if (member != null && !member.isNull()) {
                found.add(member);
            }
        }
        return found;
    }

    private static List<JsonNode> items(List<JsonNode> nodes) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isArray()) {
                node.values().forEach(found::add);
            }
        }
        return found;
    }
}
