package org.sekimori.gateway.grants;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Grant requests.
 *
 * @param checkInterval how often each instance looks for grants approved, revoked or expired on
 *     another instance (one indexed query), expires those past their last day and writes changes
 *     waiting for its audit trail
 * @param maxPeriod the furthest a request's last day may be from the day it is made: access is
 *     asked for again, and so reviewed, at least this often
 */
@ConfigurationProperties("sekimori.grant-requests")
public record GrantRequestProperties(@DefaultValue("2s") Duration checkInterval,
        @DefaultValue("P180D") Period maxPeriod) implements Validator {

    @Override
    public boolean supports(Class<?> type) {
        return GrantRequestProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (checkInterval.compareTo(Duration.ofMillis(100)) < 0 || checkInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            errors.rejectValue("checkInterval", "invalid", "must be between 100ms and 5m");
        }
        if (maxPeriod.isNegative() || maxPeriod.isZero() || maxPeriod.toTotalMonths() > 36) {
            errors.rejectValue("maxPeriod", "invalid", "must be a period from one day to three years, like P180D");
        }
    }
}
