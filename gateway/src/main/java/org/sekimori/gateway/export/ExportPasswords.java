package org.sekimori.gateway.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The passwords of password-protected exports, each waiting to be shown once to the handler who
 * made the export, in an answer of its own: never beside the file. Shown or expired, a password is
 * wiped from memory. Kept in this instance's memory only: a password never reaches a disk or a
 * log. Bounded per handler and in all: past either bound a new export is refused, never another's
 * waiting password dropped (its file could then never be opened).
 */
final class ExportPasswords {

    /** Passwords waiting at once, across handlers: a bound on what export loops can pile up. */
    static final int MAX_PENDING = 1_000;
    /** Passwords waiting at once for one handler. */
    static final int MAX_PER_HANDLER = 20;

    private record Pending(String handler, char[] password, Instant until) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Duration pickup;
    private final Clock clock;

    ExportPasswords(Duration pickup, Clock clock) {
        this.pickup = pickup;
        this.clock = clock;
    }

    /** Whether one more password of {@code handler} may wait now. */
    synchronized boolean hasRoom(String handler) {
        forgetExpired();
        return pending.size() < MAX_PENDING
                && pending.values().stream().filter(held -> held.handler().equals(handler)).count() < MAX_PER_HANDLER;
    }

    /**
     * Holds {@code password} (a copy) for {@code handler} to take within the pick-up time; false,
     * holding nothing, when there is no room for it.
     */
    synchronized boolean hold(String exportId, String handler, char[] password) {
        if (!hasRoom(handler)) {
            return false;
        }
        pending.put(exportId, new Pending(handler, password.clone(), clock.instant().plus(pickup)));
        return true;
    }

    /**
     * The password of {@code exportId}, once, if {@code handler} made that export and its pick-up
     * time has not passed; the caller wipes the array it gets.
     */
    synchronized Optional<char[]> take(String exportId, String handler) {
        forgetExpired();
        Pending held = pending.get(exportId);
        if (held == null || !held.handler().equals(handler)) {
            return Optional.empty();
        }
        pending.remove(exportId);
        return Optional.of(held.password());
    }

    Duration pickup() {
        return pickup;
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(held -> {
            boolean expired = !held.until().isAfter(now);
            if (expired) {
                wipe(held);
            }
            return expired;
        });
    }

    private static void wipe(Pending held) {
        Arrays.fill(held.password(), '\0');
    }
}
