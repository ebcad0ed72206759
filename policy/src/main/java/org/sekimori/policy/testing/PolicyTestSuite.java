package org.sekimori.policy.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A file of policy test cases and the ledger, policy and subject register they test. */
public record PolicyTestSuite(Path file, Path ledger, Path policy, Optional<Path> subjects,
        List<PolicyTestCase> cases) {

    public PolicyTestSuite {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subjects, "subjects");
        cases = List.copyOf(cases);
    }
}
