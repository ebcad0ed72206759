package org.sekimori.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records of what happens to accounts besides the request that caused it: a lockout (caused by
 * the fifth failure of a login, itself recorded as that login's failure), or a session that ended
 * by time or by the cap on sessions. Each goes into the trail before the answer is released, as
 * request records do.
 */
@Component
public class LoginEvents {

    private final AuditTrail trail;
    private final ClientAddress clients;
    private final AuditPseudonyms pseudonyms;
    private final Clock clock;

    public LoginEvents(AuditTrail trail, ClientAddress clients, AuditPseudonyms pseudonyms, Clock clock) {
        this.trail = trail;
        this.clients = clients;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /**
     * A handler's session ended without a logout: {@code idle}, {@code absolute} (its maximum age)
     * or {@code limit} (a newer login of the same handler took its place). The session appears as
     * the same pseudonym as in the records of its requests.
     */
    public Mono<Void> sessionEnded(Optional<ServerWebExchange> exchange, String userId, String sessionId,
            String reason) {
        ObjectNode record = event("session-ended", exchange);
        record.put("handler", userId);
        record.put("session", pseudonyms.session(sessionId));
        record.put("reason", reason);
        return trail.record(record, List.of());
    }

    /** An account locked (its user ID is a handler's, not a guess) or a client address blocked. */
    public Mono<Void> lockout(ServerWebExchange exchange, Optional<String> userId, String scope, Instant until) {
        ObjectNode record = event("lockout", Optional.of(exchange));
        userId.ifPresent(id -> record.put("handler", id));
        record.put("scope", scope);
        record.put("until", until.truncatedTo(ChronoUnit.SECONDS).toString());
        return trail.record(record, List.of());
    }

    private ObjectNode event(String event, Optional<ServerWebExchange> exchange) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", event);
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        exchange.ifPresent(during -> {
            record.put("correlation", ExchangeAttributes.correlationId(during));
            record.put("client", clients.of(during.getRequest()).getHostAddress());
        });
        return record;
    }
}
