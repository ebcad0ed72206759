package org.sekimori.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How long a browser or script session may last, besides the idle timeout
 * ({@code server.reactive.session.timeout}, 15 minutes).
 *
 * @param absoluteTimeout how long after its login a session ends, however busy
 * @param maxPerHandler how many sessions one handler may hold; a new login ends the oldest
 * @param sweepInterval how often ended sessions are looked for, to record the idle ones
 * @param stepUpMaxAge how recent a second factor must be for a privileged action
 */
@ConfigurationProperties("sekimori.sessions")
public record SessionProperties(@DefaultValue("8h") Duration absoluteTimeout, @DefaultValue("3") int maxPerHandler,
        @DefaultValue("1m") Duration sweepInterval, @DefaultValue("10m") Duration stepUpMaxAge) implements Validator {

    @Override
    public boolean supports(Class<?> type) {
        return SessionProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (absoluteTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
            errors.rejectValue("absoluteTimeout", "invalid", "must be at least 1m");
        }
        if (maxPerHandler < 1) {
            errors.rejectValue("maxPerHandler", "invalid", "must be at least 1");
        }
        if (stepUpMaxAge.compareTo(Duration.ofSeconds(1)) < 0) {
            errors.rejectValue("stepUpMaxAge", "invalid", "must be at least 1s");
        }
        if (sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            errors.rejectValue("sweepInterval", "invalid", "must be at least 1s");
        }
    }
}
