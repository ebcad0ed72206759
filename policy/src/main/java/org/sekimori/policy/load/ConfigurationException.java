package org.sekimori.policy.load;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file could not be accepted. Carries every problem found, sorted by position, so
 * that an operator fixes them all in one pass instead of one restart per mistake.
 */
public final class ConfigurationException extends RuntimeException {

    private final transient List<ConfigurationError> errors;

    public ConfigurationException(List<ConfigurationError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one error");
        }
        this.errors = errors.stream().sorted(ConfigurationError.IN_FILE_ORDER).toList();
    }

    public List<ConfigurationError> errors() {
        return errors;
    }

    private static String describe(List<ConfigurationError> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return count + ":\n" + errors.stream().sorted(ConfigurationError.IN_FILE_ORDER)
                .map(error -> "  " + error).collect(Collectors.joining("\n"));
    }
}
