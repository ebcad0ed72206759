package org.sekimori.policy;

import java.util.Objects;

/**
 * A handler's statement that an access outside the registered purposes falls under an exception
 * of the rules (seed 004 Art.13(3), Art.18(1)): which one, and why, in their own words. The
 * justification may itself describe a person, so it is never logged.
 */
public record ExceptionClaim(String exception, String justification) {

    public ExceptionClaim {
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(justification, "justification");
    }

    @Override
    public String toString() {
        return "ExceptionClaim[exception=" + exception + ", justification=(" + justification.length() + " chars)]";
    }
}
