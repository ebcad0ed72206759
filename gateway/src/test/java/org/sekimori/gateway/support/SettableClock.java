package org.sekimori.gateway.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A clock that stands still at an instant the test sets, so time-window decisions do not depend on when CI runs. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(String isoDateTime) {
        set(isoDateTime);
    }

    /** Stops the clock at {@code isoDateTime}, such as "2026-11-24T10:00:00+09:00". */
    public void set(String isoDateTime) {
        now = ZonedDateTime.parse(isoDateTime).toInstant();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the gateway reads instants only");
    }
}
