package org.sekimori.gateway.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints why startup failed as plain text on standard error. Application logs are JSON lines for
 * machines; the operator who just started the gateway should read the reason without a parser.
 */
class PlainFailureAnalysisReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        System.err.println();
        System.err.println(analysis.getDescription());
        System.err.println();
        System.err.println(analysis.getAction());
        System.err.println();
    }
}
