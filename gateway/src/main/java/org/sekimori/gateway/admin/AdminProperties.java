package org.sekimori.gateway.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How the generated ledger asks each data system how many records it holds: a GET of
 * {@code recordCountPath} on the data system's upstream, answered with a JSON object whose
 * {@code recordCountMember} is a whole number (the demo data systems: {@code GET /health} answers
 * {@code {"status":"UP","records":40}}). The path is one a data system serves without a handler's
 * assertion, since no handler is asking on behalf of a person.
 *
 * @param recordCountTimeout how long to wait for each data system; one that is slower is reported as unknown
 */
@ConfigurationProperties("sekimori.admin")
public record AdminProperties(@DefaultValue("/health") String recordCountPath,
        @DefaultValue("records") String recordCountMember, @DefaultValue("3s") Duration recordCountTimeout)
        implements Validator {

    @Override
    public boolean supports(Class<?> type) {
        return AdminProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (!recordCountPath.startsWith("/") || recordCountPath.contains("?") || recordCountPath.contains("#")) {
            errors.rejectValue("recordCountPath", "invalid", "must be a path on the data system starting with /, "
                    + "without a query or fragment, like /health");
        }
        if (recordCountMember.isBlank()) {
            errors.rejectValue("recordCountMember", "invalid", "must name the JSON member holding the count, "
                    + "like records");
        }
        if (recordCountTimeout.compareTo(Duration.ofMillis(100)) < 0
                || recordCountTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            errors.rejectValue("recordCountTimeout", "invalid", "must be between 100ms and 1m");
        }
    }
}
