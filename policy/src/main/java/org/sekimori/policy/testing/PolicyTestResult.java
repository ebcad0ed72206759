package org.sekimori.policy.testing;

import java.util.List;

/** The outcome of one case: passed when {@code failures} is empty, each failure saying expected and got. */
public record PolicyTestResult(PolicyTestCase testCase, String decided, List<String> failures) {

    public PolicyTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
