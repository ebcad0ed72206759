package org.sekimori.gateway.audit.chain;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying an export: the first problem found, or none and what each chain holds.
 * Only the first problem is reported: what follows a tampered place cannot be judged on its own.
 */
public record Verification(Optional<Problem> problem, List<ChainSummary> chains) {

    public Verification {
        chains = List.copyOf(chains);
    }

    static Verification failed(Problem problem) {
        return new Verification(Optional.of(problem), List.of());
    }

    static Verification intact(List<ChainSummary> chains) {
        return new Verification(Optional.empty(), chains);
    }

    public boolean intact() {
        return problem.isEmpty();
    }
}
