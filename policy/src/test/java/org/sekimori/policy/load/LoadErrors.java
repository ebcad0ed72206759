package org.sekimori.policy.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The errors a refused load reports, as an operator reads them. */
final class LoadErrors {

    private LoadErrors() {
    }

    static List<String> of(ThrowingCallable load) {
        return assertThatThrownBy(load).isInstanceOf(ConfigurationException.class)
                .actual() instanceof ConfigurationException e
                ? e.errors().stream().map(ConfigurationError::toString).toList()
                : List.of();
    }
}
