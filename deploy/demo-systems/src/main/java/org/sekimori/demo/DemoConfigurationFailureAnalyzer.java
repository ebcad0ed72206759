package org.sekimori.demo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns a {@link DemoConfigurationException} into Boot's "APPLICATION FAILED TO START" report.
 * Ordered first: Boot's own analyzers would otherwise describe the wrapper (a failed property
 * binding, a bean that could not be created) instead of our message.
 */
public class DemoConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DemoConfigurationException>
        implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
