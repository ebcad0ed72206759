package org.sekimori.gateway.grants;

import java.time.Instant;
import java.util.Optional;

/**
 * One change of a grant request's state: who made it, when, from what to what, and what they wrote.
 *
 * @param seq the change's place in the order of all changes
 * @param kind {@code requested}, or the state it moved to: {@code approved}, {@code revoked}, ...
 */
public record GrantRequestEvent(long seq, String requestId, Instant at, String kind, String actor,
        Optional<GrantRequestState> from, GrantRequestState to, Optional<String> comment) {
}
