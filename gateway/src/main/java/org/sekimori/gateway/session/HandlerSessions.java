package org.sekimori.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sekimori.gateway.audit.LoginEvents;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The logged-in sessions of this instance, by handler: it ends a session at its absolute timeout,
 * ends a handler's oldest session when a login would exceed the cap, and notices sessions the
 * store let expire for idleness, so that every session's end is a record. Logout ends a session
 * through Spring Security and is recorded as the logout request itself.
 */
public final class HandlerSessions {

    /** The session attribute holding when its login completed. */
    static final String LOGIN_AT = HandlerSessions.class.getName() + ".loginAt";

    /** {@code order} tells logins apart that the clock does not (it may not move between them). */
    record Tracked(String userId, Instant loginAt, long order) {
    }

    private final AtomicLong logins = new AtomicLong();

    /** By the session itself, not its id: the id changes at every login step. */
    private final Map<WebSession, Tracked> sessions = new ConcurrentHashMap<>();
    private final LoginEvents events;
    private final SessionProperties properties;
    private final Clock clock;

    public HandlerSessions(LoginEvents events, SessionProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A login completed in {@code session}; if the handler now holds too many, the oldest end. A
     * login {@code continuing} the same handler's keeps its start and its place.
     */
    Mono<Void> started(ServerWebExchange exchange, WebSession session, String userId, Optional<Tracked> continuing) {
        Optional<Tracked> same = continuing.filter(tracked -> tracked.userId().equals(userId));
        if (same.isPresent()) {
            session.getAttributes().put(LOGIN_AT, same.get().loginAt());
            sessions.put(session, same.get());
            return Mono.empty();
        }
        Instant now = clock.instant();
        session.getAttributes().put(LOGIN_AT, now);
        sessions.put(session, new Tracked(userId, now, logins.incrementAndGet()));
        List<WebSession> held = sessions.entrySet().stream()
                .filter(entry -> entry.getValue().userId().equals(userId))
                .sorted(Comparator.comparingLong(entry -> entry.getValue().order())).map(Map.Entry::getKey).toList();
        List<WebSession> excess = held.subList(0, Math.max(0, held.size() - properties.maxPerHandler()));
        return Flux.fromIterable(excess).concatMap(oldest -> end(oldest, "limit", Optional.of(exchange))).then();
    }

    /**
     * Ends every session of {@code userId} on this instance, each with a record: their entry in the
     * directory changed, and a session keeps the roles and attributes of its login.
     */
    public Mono<Void> endAll(String userId, String reason) {
        return Flux.fromIterable(List.copyOf(sessions.entrySet()))
                .filter(entry -> entry.getValue().userId().equals(userId))
                .concatMap(entry -> end(entry.getKey(), reason, Optional.empty())).then();
    }

    /** The session is no longer a handler's (logged out, or another login took its place). */
    Optional<Tracked> forget(WebSession session) {
        return Optional.ofNullable(sessions.remove(session));
    }

    /** Ends {@code session} if its login is older than the absolute timeout. */
    Mono<Void> endIfTooOld(ServerWebExchange exchange, WebSession session) {
        Instant loginAt = session.getAttribute(LOGIN_AT);
        if (loginAt == null || loginAt.plus(properties.absoluteTimeout()).isAfter(clock.instant())) {
            return Mono.empty();
        }
        sessions.putIfAbsent(session, new Tracked("unknown", loginAt, 0));
        return end(session, "absolute", Optional.of(exchange));
    }

    /** Records the sessions the store let expire for idleness, and ends those past the absolute timeout. */
    Mono<Void> sweep() {
        Instant now = clock.instant();
        return Flux.fromIterable(List.copyOf(sessions.entrySet())).concatMap(entry -> {
            if (entry.getKey().isExpired()) {
                return sessions.remove(entry.getKey()) == null ? Mono.<Void>empty()
                        : events.sessionEnded(Optional.empty(), entry.getValue().userId(), entry.getKey().getId(),
                                "idle").doOnError(failed -> sessions.putIfAbsent(entry.getKey(), entry.getValue()));
            }
            return entry.getValue().loginAt().plus(properties.absoluteTimeout()).isAfter(now) ? Mono.<Void>empty()
                    : end(entry.getKey(), "absolute", Optional.empty());
        }).then();
    }

    private Mono<Void> end(WebSession session, String reason, Optional<ServerWebExchange> exchange) {
        Tracked tracked = sessions.remove(session);
        if (tracked == null) {
            return Mono.empty();
        }
        // Recorded first: if the record cannot be written, the session stays, tracked, for the next sweep to end.
        return events.sessionEnded(exchange, tracked.userId(), session.getId(), reason)
                .doOnError(failed -> sessions.putIfAbsent(session, tracked))
                .then(session.invalidate());
    }
}
