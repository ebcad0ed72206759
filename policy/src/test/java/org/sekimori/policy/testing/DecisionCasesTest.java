package org.sekimori.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sekimori.policy.load.PolicyTestFile;

/** The engine's decision cases (src/test/resources/decisions/cases.yaml), one test each, named for what they show. */
class DecisionCasesTest {

    @TestFactory
    Stream<DynamicTest> everyDecisionCaseHolds() {
        PolicyTestSuite suite = PolicyTestFile.load(Path.of("src/test/resources/decisions/cases.yaml"));
        List<PolicyTestResult> results = PolicyTestRunner.run(suite);
        assertThat(results).hasSize(suite.cases().size()).isNotEmpty();
        return results.stream().map(result -> DynamicTest.dynamicTest(result.testCase().name(),
                () -> assertThat(result.failures()).as("decided: " + result.decided()).isEmpty()));
    }
}
