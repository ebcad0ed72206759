package org.sekimori.policy.testing;

import java.util.Objects;
import org.sekimori.policy.AccessRequest;

/**
 * One named case of a policy test: a request and what the policy must decide about it.
 *
 * @param line where the case starts in its file, for the report
 */
public record PolicyTestCase(String name, int line, AccessRequest request, Expectation expect) {

    public PolicyTestCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
    }
}
