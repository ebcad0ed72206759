package org.sekimori.policy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to decide: who, on which data system, doing what, for which purpose, from where and
 * when. Everything here comes from the authenticated session and the matched route, except the
 * purpose and the exception claim, which the handler states.
 *
 * @param handler the authenticated handler
 * @param dataSystem the data system the route leads to
 * @param action what the route does
 * @param purpose the purpose of use stated, if any
 * @param exception the exception invoked, if any
 * @param subject the subject the request is about when the route names one (e.g. {@code /subjects/{subject}})
 * @param itemsWritten the data items a write carries (empty for reads)
 * @param itemsFiltered the data items the request's query parameters filter on
 * @param client the address the request came from
 * @param time when the request arrived
 */
public record AccessRequest(
        Principal handler,
        String dataSystem,
        Action action,
        Optional<String> purpose,
        Optional<ExceptionClaim> exception,
        Optional<String> subject,
        Set<String> itemsWritten,
        Set<String> itemsFiltered,
        InetAddress client,
        Instant time) {

    public AccessRequest {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(dataSystem, "dataSystem");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(subject, "subject");
        itemsWritten = Set.copyOf(itemsWritten);
        itemsFiltered = Set.copyOf(itemsFiltered);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(time, "time");
    }

    /** A request whose query filters on no data item. */
    public AccessRequest(Principal handler, String dataSystem, Action action, Optional<String> purpose,
            Optional<ExceptionClaim> exception, Optional<String> subject, Set<String> itemsWritten, InetAddress client,
            Instant time) {
        this(handler, dataSystem, action, purpose, exception, subject, itemsWritten, Set.of(), client, time);
    }
}
