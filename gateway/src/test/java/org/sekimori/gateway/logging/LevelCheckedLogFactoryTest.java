package org.sekimori.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

class LevelCheckedLogFactoryTest {

    @Test
    void getFactoryWhenOnTheClasspathThenCommonsLoggingUsesIt() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckedLogFactory.class);
    }

    @Test
    void debugWhenDebugDisabledThenMessageNeverTurnedIntoText() {
        Log log = LogFactory.getLog("org.sekimori.test.quiet");
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "expensive";
            }
        };

        log.debug(message);
        log.trace(message, new IllegalStateException());

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(formatted).hasValue(0);
    }

    @Test
    void infoWhenEnabledThenPassedOn() {
        Log log = LogFactory.getLog("org.sekimori.test.loud");
        AtomicInteger formatted = new AtomicInteger();

        log.info(new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "shown";
            }
        });

        assertThat(formatted).hasValue(1);
    }
}
