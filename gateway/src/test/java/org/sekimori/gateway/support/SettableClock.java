package org.sekimori.gateway.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock that stands still at an instant the test sets, so time-window decisions do not depend on when CI runs. */
public final class SettableClock extends Clock {

    /** The gateway's clock in tests that import {@link InGateway}; each test sets it before it runs. */
    public static final SettableClock GATEWAY = new SettableClock("2026-11-24T10:00:00+09:00");

    /**
     * Gives the gateway {@link #GATEWAY} as its clock. {@code @Primary}: the gateway's own clock bean
     * is {@code @ConditionalOnMissingBean}, but that condition is evaluated before test
     * configurations are registered, so both exist.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class InGateway {

        @Bean
        @Primary
        Clock settableClock() {
            return GATEWAY;
        }
    }

    private volatile Instant now;

    public SettableClock(String isoDateTime) {
        set(isoDateTime);
    }

    /** Stops the clock at {@code isoDateTime}, such as "2026-11-24T10:00:00+09:00". */
    public void set(String isoDateTime) {
        now = ZonedDateTime.parse(isoDateTime).toInstant();
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(java.time.Duration duration) {
        now = now.plus(duration);
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
