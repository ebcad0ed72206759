package org.sekimori.policy.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.BodyShape;
import org.sekimori.policy.model.Route;

/**
 * Reads a data system's routes: which methods on which paths of its API the gateway lets through,
 * and the action each one is. A method and path not listed is not reachable.
 */
final class RouteList {

    private static final Set<String> ROUTE = Set.of("method", "path", "action", "response", "query");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.~-]+|\\{subject}");

    private RouteList() {
    }

    static List<Route> routes(YamlMapping dataSystem, Set<String> items) {
        List<Route> routes = new ArrayList<>();
        FirstSeen seen = new FirstSeen();
        for (YamlMapping entry : dataSystem.mappings("routes", true, ROUTE)) {
            String method = method(entry);
            String template = template(entry);
            seen.check(entry, "path", method + " " + template, "route '%s' is already listed at line %d");
            Action action = entry.optionalConstant("action", Action.class).orElse(Action.READ);
            BodyShape response = entry.optionalConstant("response", BodyShape.class).orElse(BodyShape.NONE);
            for (String key : List.of("action", "response")) {
                if (!entry.has(key)) {
                    entry.report(key, "is required: " + (key.equals("action") ? Constants.list(Action.class)
                            : Constants.list(BodyShape.class)));
                }
            }
            routes.add(new Route(method, template, action, response, query(entry, items)));
        }
        return routes;
    }

    /** Each query parameter and the item it filters on, or paging; the item must be the data system's. */
    private static Map<String, String> query(YamlMapping entry, Set<String> items) {
        Map<String, String> query = new LinkedHashMap<>();
        for (YamlMapping.Entry parameter : entry.textEntries("query", false)) {
            if (!PARAMETER.matcher(parameter.name()).matches()) {
                entry.report("query", "parameter '" + parameter.name() + "' at " + parameter.path()
                        + " must be letters, digits, '_', '.' or '-', starting with a letter");
            } else if (!parameter.value().equals(Route.PAGING) && !items.contains(parameter.value())) {
                entry.report("query", parameter.path() + " must name the data item the parameter filters on, or "
                        + Route.PAGING + ", not '" + parameter.value() + "'");
            } else {
                query.put(parameter.name(), parameter.value());
            }
        }
        return query;
    }

    private static String method(YamlMapping entry) {
        String method = entry.requiredText("method");
        if (!method.isEmpty() && !METHODS.contains(method)) {
            entry.report("method", "must be one of DELETE, GET, PATCH, POST, PUT, not '" + method + "'");
        }
        return method;
    }

    private static String template(YamlMapping entry) {
        String path = entry.requiredText("path");
        if (path.isEmpty()) {
            return path;
        }
        String[] segments = path.split("/", -1);
        boolean valid = path.startsWith("/") && path.length() > 1;
        for (int i = 1; valid && i < segments.length; i++) {
            valid = SEGMENT.matcher(segments[i]).matches() && !segments[i].equals(".") && !segments[i].equals("..");
        }
        if (!valid) {
            entry.report("path", "must start with '/' and list segments of letters, digits, '_', '.', '~' or '-', "
                    + "or {subject} for the subject key (like /subjects/{subject}), not '" + path + "'");
        } else if (path.indexOf(Route.SUBJECT) != path.lastIndexOf(Route.SUBJECT)) {
            entry.report("path", "may name {subject} only once, not in '" + path + "'");
        }
        return path;
    }
}
