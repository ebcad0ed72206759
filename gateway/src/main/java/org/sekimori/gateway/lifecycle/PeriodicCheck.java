package org.sekimori.gateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A check run again and again on a daemon thread of its own, at a fixed delay: a run that fails is
 * logged in a line and tried again at the next, so one bad run never ends the schedule.
 */
public final class PeriodicCheck implements AutoCloseable {

    private final ScheduledExecutorService schedule;

    private PeriodicCheck(ScheduledExecutorService schedule) {
        this.schedule = schedule;
    }

    /**
     * Runs {@code check} every {@code interval}, first after one interval, on a thread named
     * {@code thread}; a failed run logs {@code failure} with its message.
     */
    public static PeriodicCheck every(Duration interval, String thread, Runnable check, Logger log, String failure) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, thread);
            named.setDaemon(true);
            return named;
        });
        long every = interval.toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                log.error("{}; the next check tries again: {}", failure, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new PeriodicCheck(schedule);
    }

    public boolean running() {
        return !schedule.isShutdown();
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
