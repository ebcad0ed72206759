package org.sekimori.demo.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import tools.jackson.databind.node.JsonNodeFactory;

import org.sekimori.demo.schema.Problems;
import org.sekimori.demo.store.RecordQuery;
import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.Filter;
import org.sekimori.demo.system.IndexedColumn.SqlType;

/**
 * Reads listing and export query strings. Unknown or repeated parameters are refused rather than
 * ignored: a misspelt filter that silently returned everything would hide a gateway bug.
 */
@Component
class QueryParameters {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    record Listing(RecordQuery query, int page, int size) {

        long offset() {
            return (long) page * size;
        }
    }

    private final DemoDataSystem system;

    QueryParameters(DemoDataSystem system) {
        this.system = system;
    }

    Listing listing(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems();
        RecordQuery query = filters(parameters, List.of("page", "size"), problems);
        int page = number(parameters, "page", 0, 0, Integer.MAX_VALUE, problems);
        int size = number(parameters, "size", DEFAULT_SIZE, 1, MAX_SIZE, problems);
        failIfAny(problems);
        return new Listing(query, page, size);
    }

    RecordQuery export(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems();
        RecordQuery query = filters(parameters, List.of(), problems);
        failIfAny(problems);
        return query;
    }

    private RecordQuery filters(MultiValueMap<String, String> parameters, List<String> others, Problems problems) {
        RecordQuery query = RecordQuery.everything();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() > 1) {
                problems.add(name, "give it at most once");
                continue;
            }
            Optional<Filter> filter = system.filters().stream().filter(f -> f.parameter().equals(name)).findFirst();
            if (filter.isPresent()) {
                Object value = filterValue(filter.get(), parameter.getValue().get(0), problems);
                if (value != null) {
                    query.and(filter.get(), value);
                }
            } else if (!others.contains(name)) {
                problems.add(name, "unknown parameter; use " + String.join(", ", known(others)));
            }
        }
        return query;
    }

    private Object filterValue(Filter filter, String text, Problems problems) {
        if (filter.column().type() == SqlType.INTEGER) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                problems.add(filter.parameter(), "must be a whole number");
                return null;
            }
        }
        // A filter value must be something the field could hold, so typos fail loudly.
        var checked = system.schema().typeAt(filter.column().jsonPointer())
                .normalize(JsonNodeFactory.instance.stringNode(text), filter.parameter(), problems);
        return checked == null ? null : checked.stringValue();
    }

    private static int number(MultiValueMap<String, String> parameters, String name, int fallback, int lowest,
            int highest, Problems problems) {
        List<String> given = parameters.get(name);
        if (given == null || given.size() != 1) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.get(0).trim());
            if (value >= lowest && value <= highest) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        problems.add(name, highest == Integer.MAX_VALUE ? "must be a whole number from " + lowest + " up"
                : "must be a whole number from " + lowest + " to " + highest);
        return fallback;
    }

    private List<String> known(List<String> others) {
        List<String> names = new ArrayList<>(others);
        system.filters().forEach(f -> names.add(f.parameter()));
        return names;
    }

    private static void failIfAny(Problems problems) {
        if (!problems.isEmpty()) {
            List<String> list = problems.list();
            throw ApiException.badRequest("The query has " + list.size() + " problem(s): " + String.join("; ", list)
                    + ". Fix them and ask again.", list);
        }
    }
}
