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
 * made the export, in an answer of its own: never beside the file. Shown, expired or crowded out
 * (the oldest first, past {@link #MAX_PENDING}), a password is wiped from memory. Kept in this
 * instance's memory only: a password never reaches a disk or a log.
 */
final class ExportPasswords {

    /** Passwords waiting at once, across handlers: a bound on what an export loop can pile up. */
    static final int MAX_PENDING = 1_000;

    private record Pending(String handler, char[] password, Instant until) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Duration pickup;
    private final Clock clock;

    ExportPasswords(Duration pickup, Clock clock) {
        this.pickup = pickup;
        this.clock = clock;
    }

    /** Holds {@code password} (a copy) for {@code handler} to take within the pick-up time. */
    synchronized void hold(String exportId, String handler, char[] password) {
        forgetExpired();
        while (pending.size() >= MAX_PENDING) {
            String oldest = pending.keySet().iterator().next();
            wipe(pending.remove(oldest));
        }
        pending.put(exportId, new Pending(handler, password.clone(), clock.instant().plus(pickup)));
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
