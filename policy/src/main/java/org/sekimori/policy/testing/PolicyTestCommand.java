package org.sekimori.policy.testing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.PolicyTestFile;

/**
 * {@code policy-test <file>...}: runs operators' policy test files and prints a report. Exit
 * status 0 when every case passes, 1 when any fails, 2 when a file cannot be loaded.
 */
public final class PolicyTestCommand {

    private PolicyTestCommand() {
    }

    public static int run(List<String> files, PrintStream out, PrintStream err) {
        if (files.isEmpty()) {
            err.println("policy-test: name one or more policy test files, e.g. deploy/demo/policy-tests.yaml");
            return 2;
        }
        int status = 0;
        for (String file : files) {
            try {
                PolicyTestSuite suite = PolicyTestFile.load(Path.of(file));
                List<PolicyTestResult> results = PolicyTestRunner.run(suite);
                out.print(PolicyTestRunner.report(suite, results));
                if (results.stream().anyMatch(result -> !result.passed())) {
                    status = Math.max(status, 1);
                }
            } catch (ConfigurationException e) {
                err.println("policy-test: " + file + " cannot be run, " + e.getMessage());
                status = 2;
            }
        }
        return status;
    }
}
