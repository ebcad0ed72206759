package org.sekimori.policy.testing;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The engine's decision cases (src/test/resources/decisions/cases.yaml): every kind of rule, condition and refusal. */
class DecisionCasesTest {

    @TestFactory
    Stream<DynamicTest> everyDecisionCaseHolds() {
        return PolicyTestCases.of(Path.of("src/test/resources/decisions/cases.yaml"));
    }
}
