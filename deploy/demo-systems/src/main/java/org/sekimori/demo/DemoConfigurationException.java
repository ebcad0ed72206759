package org.sekimori.demo;

/**
 * A setting that stops the demo system from starting. Reported by
 * {@link DemoConfigurationFailureAnalyzer} as one short message with the fix, not a stack trace.
 */
public class DemoConfigurationException extends RuntimeException {

    private final String action;

    public DemoConfigurationException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
