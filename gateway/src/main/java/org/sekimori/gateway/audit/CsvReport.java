package org.sekimori.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.audit.chain.ChainEntry;
import tools.jackson.databind.JsonNode;

/**
 * Records as CSV for people: one row a record, every cell quoted. Whatever a client could have
 * put in a record is rendered inert: control, line-break and bidi characters become visible
 * {@code \\uXXXX}, and a cell a spreadsheet would run as a formula gets a leading apostrophe.
 */
public final class CsvReport {

    static final String HEADER = "\"id\",\"time\",\"event\",\"handler\",\"roles\",\"mfa\",\"client\",\"method\","
            + "\"route\",\"dataSystem\",\"action\",\"purpose\",\"exception\",\"decision\",\"rule\",\"reason\","
            + "\"status\",\"records\",\"items\",\"subjects\",\"outcome\",\"correlation\",\"userAgent\"";

    private CsvReport() {
    }

    static String row(ChainEntry entry) {
        JsonNode record = entry.record();
        List<String> cells = new ArrayList<>();
        cells.add(entry.id());
        for (String name : List.of("time", "event", "handler")) {
            cells.add(text(record, name));
        }
        cells.add(joined(record.path("roles")));
        cells.add(text(record, "mfa"));
        for (String name : List.of("client", "method", "route", "dataSystem", "action", "purpose", "exception",
                "decision", "rule", "reason", "status", "records")) {
            cells.add(text(record, name));
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, JsonNode> item : record.path("items").properties()) {
            items.add(item.getKey() + "=" + item.getValue().asString());
        }
        cells.add(String.join(" ", items));
        cells.add(joined(record.path("subjects")));
        cells.add(text(record, "outcome"));
        cells.add(text(record, "correlation"));
        cells.add(text(record, "userAgent"));
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append('"').append(inert(cells.get(i)).replace("\"", "\"\"")).append('"');
        }
        return row.append("\r\n").toString();
    }

    private static String text(JsonNode record, String name) {
        JsonNode value = record.get(name);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String joined(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return String.join(" ", values);
    }

    /** {@code value} safe in a spreadsheet cell: no formula, no control, line-break or bidi character. */
    public static String inert(String value) {
        StringBuilder out = new StringBuilder(value.length() + 1);
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            out.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
