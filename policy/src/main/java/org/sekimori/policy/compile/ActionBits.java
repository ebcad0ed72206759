package org.sekimori.policy.compile;

import java.util.Set;
import org.sekimori.policy.Action;

/** Sets of actions as bits, so that matching a rule is one AND. */
final class ActionBits {

    private ActionBits() {
    }

    static int of(Set<Action> actions) {
        int bits = 0;
        for (Action action : actions) {
            bits |= 1 << action.ordinal();
        }
        return bits;
    }

    static boolean contains(int bits, Action action) {
        return (bits & 1 << action.ordinal()) != 0;
    }
}
