package org.sekimori.gateway.config;

import org.sekimori.policy.load.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused configuration file into the operator's message, without a stack trace. */
class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis("Sekimori did not start: its configuration has " + cause.getMessage(),
                "Correct the file(s) named above and start again. Nothing was served.", cause);
    }
}
