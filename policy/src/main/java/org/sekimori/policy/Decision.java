package org.sekimori.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sekimori.policy.mask.Obligations;

/**
 * The answer to one {@link AccessRequest}: never null, never a bare boolean. It names the rule
 * that decided (see {@link RuleIds}) so that audit records and policy tests can point at it.
 */
public sealed interface Decision {

    Effect effect();

    /** The id of the rule that decided. */
    String rule();

    Reason reason();

    /**
     * The request may go upstream; what comes back is shaped by the obligations.
     *
     * @param moreRules the other grants whose items were combined with the deciding one's (same
     *     records), so a record names every grant that widened what was shown
     * @param withheld sensitive items the grants show, removed because the handler logged in
     *     without a second factor (a login with one would see them)
     */
    record Permit(String rule, List<String> moreRules, Obligations obligations, Optional<String> exception,
            List<String> withheld) implements Decision {

        public Permit {
            Objects.requireNonNull(rule, "rule");
            moreRules = List.copyOf(moreRules);
            Objects.requireNonNull(obligations, "obligations");
            Objects.requireNonNull(exception, "exception");
            withheld = List.copyOf(withheld);
        }

        @Override
        public Effect effect() {
            return Effect.PERMIT;
        }

        @Override
        public Reason reason() {
            return Reason.PERMITTED;
        }

        /** True when the permit rests on an invoked exception, so the access goes to review. */
        public boolean exceptionInvoked() {
            return exception.isPresent();
        }
    }

    /**
     * The request must not reach the data system.
     *
     * @param detail what the handler can do about it, beyond the reason's own message (may be empty)
     * @param allowed the names that would have been accepted (purposes, exceptions), when telling them helps
     */
    record Deny(String rule, Reason reason, String detail, List<String> allowed) implements Decision {

        public Deny {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            allowed = List.copyOf(allowed);
        }

        @Override
        public Effect effect() {
            return Effect.DENY;
        }
    }
}
