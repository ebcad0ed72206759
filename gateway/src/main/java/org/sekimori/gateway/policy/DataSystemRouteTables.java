package org.sekimori.gateway.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.BodyShape;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;

/** The route table of every data system in the ledger, built once at startup. */
public final class DataSystemRouteTables {

    private final Map<String, RouteTable> tables = new HashMap<>();
    private final Map<String, String> descriptions = new HashMap<>();
    private final Set<String> readableRecords = new HashSet<>();

    public DataSystemRouteTables(Ledger ledger) {
        for (DataSystem dataSystem : ledger.dataSystems()) {
            tables.put(dataSystem.id(), new RouteTable(dataSystem));
            descriptions.put(dataSystem.id(), dataSystem.routes().stream()
                    .map(route -> route.method() + " " + route.template()).collect(Collectors.joining(", ")));
            dataSystem.routes().stream()
                    .filter(route -> route.method().equals("GET") && route.response() == BodyShape.RECORD)
                    .forEach(route -> readableRecords.add(dataSystem.id() + " " + route.template()));
        }
    }

    RouteTable.Lookup lookup(String dataSystem, String method, String path) {
        RouteTable table = tables.get(dataSystem);
        return table == null ? new RouteTable.NotFound() : table.lookup(method, path);
    }

    /** True when a GET on {@code template} answers the one record there, to check it before a write. */
    boolean readable(String dataSystem, String template) {
        return readableRecords.contains(dataSystem + " " + template);
    }

    /** The routes of {@code dataSystem} as a handler reads them: "GET /subjects, POST /subjects, ...". */
    String describe(String dataSystem) {
        return descriptions.getOrDefault(dataSystem, "none");
    }
}
