package org.sekimori.policy.model;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.BodyShape;

/**
 * One method on one path of a data system's API, and what it does with personal data. A
 * {@code {subject}} segment in the template stands for the subject key of the record the request
 * is about.
 *
 * @param method the HTTP method, upper case
 * @param template the path below the data system's prefix, e.g. {@code /subjects/{subject}}
 * @param action what the request does, whatever the client says
 * @param response where the records are in a successful response
 * @param query the query parameters the route takes, each with the data item it filters on, or
 *     {@link #PAGING} for one that only pages; any other parameter is refused
 */
public record Route(String method, String template, Action action, BodyShape response, Map<String, String> query) {

    public static final String SUBJECT = "{subject}";
    public static final String PAGING = "paging";

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(response, "response");
        query = Map.copyOf(query);
    }

    /**
     * The data items a request's query parameters filter on (paging ones filter on none), or empty
     * when it names a parameter this route does not take.
     */
    public Optional<Set<String>> itemsFiltered(Collection<String> parameters) {
        Set<String> items = new HashSet<>();
        for (String parameter : parameters) {
            String item = query.get(parameter);
            if (item == null) {
                return Optional.empty();
            }
            if (!item.equals(PAGING)) {
                items.add(item);
            }
        }
        return Optional.of(items);
    }
}
