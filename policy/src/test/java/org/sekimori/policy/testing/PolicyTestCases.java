package org.sekimori.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.sekimori.policy.load.PolicyTestFile;

/** A policy test file's cases as JUnit tests, one each, named for what they show. */
final class PolicyTestCases {

    private PolicyTestCases() {
    }

    static Stream<DynamicTest> of(Path file) {
        PolicyTestSuite suite = PolicyTestFile.load(file);
        List<PolicyTestResult> results = PolicyTestRunner.run(suite);
        assertThat(results).hasSize(suite.cases().size()).isNotEmpty();
        return results.stream().map(result -> DynamicTest.dynamicTest(result.testCase().name(),
                () -> assertThat(result.failures()).as("decided: " + result.decided()).isEmpty()));
    }
}
