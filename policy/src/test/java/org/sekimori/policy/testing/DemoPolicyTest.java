package org.sekimori.policy.testing;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The demo policy's own test cases, one JUnit test each, so the README's test command runs them. */
class DemoPolicyTest {

    @TestFactory
    Stream<DynamicTest> demoPolicyPassesItsTests() {
        return PolicyTestCases.of(Path.of("../deploy/demo/policy-tests.yaml"));
    }
}
