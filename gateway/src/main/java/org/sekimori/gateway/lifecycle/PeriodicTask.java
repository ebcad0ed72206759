package org.sekimori.gateway.lifecycle;

import java.time.Duration;
import org.slf4j.Logger;
import org.springframework.context.SmartLifecycle;

/** A {@link #check} run every interval on a thread of its own while the application runs (see {@link PeriodicCheck}). */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Duration interval;
    private final String thread;
    private final Logger log;
    private final String failure;
    private PeriodicCheck schedule;

    protected PeriodicTask(Duration interval, String thread, Logger log, String failure) {
        this.interval = interval;
        this.thread = thread;
        this.log = log;
        this.failure = failure;
    }

    protected abstract void check();

    @Override
    public synchronized void start() {
        schedule = PeriodicCheck.every(interval, thread, this::check, log, failure);
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.close();
            schedule = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }
}
