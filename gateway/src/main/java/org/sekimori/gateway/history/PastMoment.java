package org.sekimori.gateway.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A moment an administrator asks about: a date-time with its offset, or a date meaning noon of it in the zone. */
public final class PastMoment {

    private PastMoment() {
    }

    public static Optional<Instant> parse(String text, ZoneId zone) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(text).atTime(12, 0).atZone(zone).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
