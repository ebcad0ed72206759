package org.sekimori.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Raises the alerts auditors review records for (R21): any exception invoked, a burst of denials to
 * one handler, a request outside the role's hours, a bulk read. Each is a count in
 * {@code sekimori.audit.alerts{kind=…}} and a WARN log event carrying the record's correlation id
 * and handler, never a value from the request.
 */
public final class Alerts {

    private static final Logger log = LoggerFactory.getLogger("sekimori.audit.alerts");
    private static final long BURST_WINDOW_MILLIS = 60_000;

    private final MeterRegistry meters;
    private final int denialBurst;
    private final int bulkRead;
    private final Clock clock;
    private final Map<String, Deque<Long>> recentDenials = new ConcurrentHashMap<>();

    public Alerts(MeterRegistry meters, int denialBurst, int bulkRead, Clock clock) {
        this.meters = meters;
        this.denialBurst = denialBurst;
        this.bulkRead = bulkRead;
        this.clock = clock;
    }

    void check(JsonNode record) {
        if (record.has("exception")) {
            raise("exception-invoked", record);
        }
        if ("outside-time-window".equals(record.path("reason").asString(""))) {
            raise("outside-hours", record);
        }
        if (record.path("records").asLong(0) > bulkRead) {
            raise("bulk-read", record);
        }
        if ("deny".equals(record.path("decision").asString("")) && record.has("handler") && burst(record)) {
            raise("denial-burst", record);
        }
    }

    private boolean burst(JsonNode record) {
        long now = clock.millis();
        Deque<Long> times = recentDenials.computeIfAbsent(record.get("handler").asString(), id -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && now - times.peekFirst() > BURST_WINDOW_MILLIS) {
                times.removeFirst();
            }
            if (times.size() >= denialBurst) {
                times.clear(); // one alert per burst, not one per denial after it
                return true;
            }
            return false;
        }
    }

    private void raise(String kind, JsonNode record) {
        Counter.builder("sekimori.audit.alerts").tag("kind", kind).description("Records that call for review")
                .register(meters).increment();
        log.warn("Audit alert {}: handler {}, request {}", kind, record.path("handler").asString("(none)"),
                record.path("correlation").asString(""));
    }
}
