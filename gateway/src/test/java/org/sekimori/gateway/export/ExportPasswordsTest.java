package org.sekimori.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.support.SettableClock;

class ExportPasswordsTest {

    private final SettableClock clock = new SettableClock("2026-12-03T10:00:00+09:00");
    private final ExportPasswords passwords = new ExportPasswords(Duration.ofMinutes(10), clock);

    @Test
    void aPasswordIsShownOnceToItsHandlerWithinThePickUpTime() {
        char[] password = "ABCD-EFGH-JKMN-PQRS".toCharArray();
        passwords.hold("e1", "epi", password);
        passwords.hold("e2", "epi", password);

        assertThat(passwords.take("e1", "nurse")).isEmpty();
        assertThat(passwords.take("e1", "epi")).hasValueSatisfying(shown -> assertThat(shown).isEqualTo(password));
        assertThat(passwords.take("e1", "epi")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(passwords.take("e2", "epi")).as("expired").isEmpty();
    }

    @Test
    void pastTheBoundNewExportsAreRefusedAndNoOtherHandlersPasswordIsDropped() {
        for (int i = 0; i < ExportPasswords.MAX_PER_HANDLER; i++) {
            assertThat(passwords.hold("epi-" + i, "epi", new char[] {'x'})).isTrue();
        }

        assertThat(passwords.hasRoom("epi")).isFalse();
        assertThat(passwords.hold("one-more", "epi", new char[] {'x'})).isFalse();
        assertThat(passwords.hasRoom("nurse")).isTrue();
        assertThat(passwords.take("epi-0", "epi")).isPresent();
        assertThat(passwords.hasRoom("epi")).isTrue();
    }
}
