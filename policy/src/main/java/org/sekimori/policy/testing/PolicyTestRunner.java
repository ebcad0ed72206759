package org.sekimori.policy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Decision.Deny;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.PolicyEngine;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.compile.PolicyCompiler;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.load.PolicyFile;
import org.sekimori.policy.load.SubjectRegisterFile;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.model.Ledger;

/**
 * Runs policy test cases, like {@code opa test} or Cerbos' test suites: each case's request is
 * decided by the policy its suite names, and every expectation is compared with the decision.
 */
public final class PolicyTestRunner {

    private PolicyTestRunner() {
    }

    /** Loads and compiles what {@code suite} tests, then runs its cases; a broken file throws its errors. */
    public static List<PolicyTestResult> run(PolicyTestSuite suite) {
        Ledger ledger = LedgerFile.load(suite.ledger());
        SubjectRegister register = suite.subjects().map(path -> SubjectRegisterFile.load(path, ledger))
                .orElse(SubjectRegister.EMPTY);
        PolicyEngine engine = PolicyCompiler.compile(PolicyFile.load(suite.policy(), ledger), ledger, register,
                "under test");
        return suite.cases().stream().map(testCase -> run(testCase, engine)).toList();
    }

    static PolicyTestResult run(PolicyTestCase testCase, PolicyEngine engine) {
        Decision decision = engine.decide(testCase.request());
        Expectation expect = testCase.expect();
        List<String> failures = new ArrayList<>();
        compare(failures, "effect", expect.effect().name().toLowerCase(Locale.ROOT),
                decision.effect().name().toLowerCase(Locale.ROOT));
        expect.reason().ifPresent(reason -> compare(failures, "reason", reason, decision.reason().code()));
        expect.rule().ifPresent(rule -> compare(failures, "rule", rule, decision.rule()));
        if (decision instanceof Permit permit) {
            expect.exception().ifPresent(flag -> compare(failures, "exception", flag.toString(),
                    String.valueOf(permit.exceptionInvoked())));
            Obligations obligations = permit.obligations();
            expect.items().forEach((item, label) -> compare(failures, "item '" + item + "'", label,
                    obligations.treatment(item).label()));
            expect.consentGated().ifPresent(gated -> compare(failures, "consentGated", sorted(gated),
                    sorted(obligations.consentGated())));
        } else if (decision instanceof Deny deny) {
            expect.allowed().ifPresent(allowed -> compare(failures, "allowed", allowed.toString(),
                    deny.allowed().toString()));
        }
        if (decision instanceof Deny && (!expect.items().isEmpty() || expect.consentGated().isPresent()
                || expect.exception().isPresent())) {
            failures.add("items, consentGated and exception describe a permit, but the request was denied");
        }
        return new PolicyTestResult(testCase, describe(decision), failures);
    }

    private static void compare(List<String> failures, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }

    private static String describe(Decision decision) {
        return decision.effect().name().toLowerCase(Locale.ROOT) + " (" + decision.reason().code()
                + ", " + decision.rule() + ")";
    }

    /** Every case's outcome, failures first, and a count: what an operator reads. */
    public static String report(PolicyTestSuite suite, List<PolicyTestResult> results) {
        StringBuilder out = new StringBuilder();
        long failed = results.stream().filter(result -> !result.passed()).count();
        for (PolicyTestResult result : results) {
            if (!result.passed()) {
                out.append("FAIL ").append(suite.file()).append(':').append(result.testCase().line()).append(' ')
                        .append(result.testCase().name()).append("\n     decided: ").append(result.decided())
                        .append('\n');
                result.failures().forEach(failure -> out.append("     ").append(failure).append('\n'));
            }
        }
        out.append(suite.file()).append(": ").append(results.size() - failed).append(" passed, ").append(failed)
                .append(" failed\n");
        return out.toString();
    }
}
