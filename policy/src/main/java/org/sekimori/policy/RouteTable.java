package org.sekimori.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Route;

/**
 * Finds the route of a data system a request is for. Paths are matched segment by segment; a
 * literal segment wins over {@code {subject}}, so {@code /subjects/export.csv} is never read as a
 * subject. Only unreserved characters are accepted in a segment: an encoded one could name a
 * different subject to the gateway than to the data system.
 */
public final class RouteTable {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.~-]+");

    /** The outcome of looking a request up. */
    public sealed interface Lookup {
    }

    /** A route takes the request; {@code subject} is the {@code {subject}} segment's value, if the route has one. */
    public record Found(Route route, Optional<String> subject) implements Lookup {
    }

    /** The path is a route's, but not for this method. */
    public record MethodNotAllowed(List<String> allowed) implements Lookup {
    }

    /** No route has this path. */
    public record NotFound() implements Lookup {
    }

    private static final NotFound NOT_FOUND = new NotFound();

    private final List<Route> routes;
    private final List<String[]> templates = new ArrayList<>();

    public RouteTable(DataSystem dataSystem) {
        this.routes = dataSystem.routes();
        for (Route route : routes) {
            templates.add(route.template().substring(1).split("/", -1));
        }
    }

    /** {@code path} is the part after the data system's prefix, starting with '/'. */
    public Lookup lookup(String method, String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return NOT_FOUND;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return NOT_FOUND;
            }
        }
        int bestLiterals = -1;
        for (String[] template : templates) {
            bestLiterals = Math.max(bestLiterals, literalsMatched(template, segments));
        }
        if (bestLiterals < 0) {
            return NOT_FOUND;
        }
        // The path is the most literal template's; the method picks the route, or lists the ones it could be.
        TreeSet<String> methods = new TreeSet<>();
        for (int i = 0; i < routes.size(); i++) {
            if (literalsMatched(templates.get(i), segments) == bestLiterals) {
                if (routes.get(i).method().equals(method)) {
                    return new Found(routes.get(i), subject(templates.get(i), segments));
                }
                methods.add(routes.get(i).method());
            }
        }
        return new MethodNotAllowed(List.copyOf(methods));
    }

    /** How many literal segments match, or -1 when the template does not match at all. */
    private static int literalsMatched(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals(Route.SUBJECT)) {
                continue;
            }
            if (!template[i].equals(segments[i])) {
                return -1;
            }
            literals++;
        }
        return literals;
    }

    private static Optional<String> subject(String[] template, String[] segments) {
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals(Route.SUBJECT)) {
                return Optional.of(segments[i]);
            }
        }
        return Optional.empty();
    }
}
