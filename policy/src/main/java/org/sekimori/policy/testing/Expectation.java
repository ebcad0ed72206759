package org.sekimori.policy.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.Effect;

/**
 * What a policy test case expects. Only the effect is required; every other part, when given, must
 * match: the reason code, the deciding rule, whether an exception was invoked, the treatment of
 * the items listed (by label, such as {@code show} or {@code age-band-10}), the items removed for
 * lack of consent, and the names a denial offers instead.
 */
public record Expectation(
        Effect effect,
        Optional<String> reason,
        Optional<String> rule,
        Optional<Boolean> exception,
        Map<String, String> items,
        Optional<Set<String>> consentGated,
        Optional<List<String>> allowed) {

    public Expectation {
        Objects.requireNonNull(effect, "effect");
        items = Map.copyOf(items);
    }
}
