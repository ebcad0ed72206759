package org.sekimori.gateway.elevation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Just-in-time elevation of administrators.
 *
 * @param required whether administrators change anything only while elevated; off only where a
 *     single administrator must work alone (there is no one to approve an elevation)
 * @param maxHours the longest elevation one may ask for
 */
@ConfigurationProperties("sekimori.admin.elevation")
public record ElevationProperties(@DefaultValue("true") boolean required, @DefaultValue("8") int maxHours)
        implements Validator {

    @Override
    public boolean supports(Class<?> type) {
        return ElevationProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (maxHours < 1 || maxHours > 24) {
            errors.rejectValue("maxHours", "invalid", "must be from 1 to 24");
        }
    }
}
