package org.sekimori.gateway.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the audit store takes records now. While it does not, the gateway refuses every request
 * at the door (503): nothing reaches a data system that could not be recorded. Shown in health and
 * as the gauge {@code sekimori.audit.available} (1 or 0).
 */
public final class Availability {

    private static final Logger log = LoggerFactory.getLogger(Availability.class);

    private final AtomicBoolean available = new AtomicBoolean(false);

    Availability(MeterRegistry meters) {
        Gauge.builder("sekimori.audit.available", available, flag -> flag.get() ? 1 : 0)
                .description("1 when the audit store commits records, 0 while requests are refused").register(meters);
    }

    public boolean available() {
        return available.get();
    }

    void failed() {
        if (available.compareAndSet(true, false)) {
            log.error("The audit store stopped taking records: every request is refused with 503 until it recovers");
        }
    }

    void recovered() {
        available.set(true);
    }
}
