package org.sekimori.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sekimori.policy.load.PolicyTestFile;

/** The demo policy's own test cases, one JUnit test each, so the README's test command runs them. */
class DemoPolicyTest {

    @TestFactory
    Stream<DynamicTest> demoPolicyPassesItsTests() {
        PolicyTestSuite suite = PolicyTestFile.load(Path.of("../deploy/demo/policy-tests.yaml"));
        List<PolicyTestResult> results = PolicyTestRunner.run(suite);
        assertThat(results).hasSize(suite.cases().size()).isNotEmpty();
        return results.stream().map(result -> DynamicTest.dynamicTest(result.testCase().name(),
                () -> assertThat(result.failures()).as("decided: " + result.decided()).isEmpty()));
    }
}
