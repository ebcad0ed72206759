package org.sekimori.gateway.security;

import java.time.Instant;
import java.util.Optional;

/**
 * What a bearer token says beyond its handler: when the handler last authenticated
 * ({@code auth_time}), which is what a step-up asks of a token in place of a session's recent
 * second factor.
 */
public record BearerDetails(Optional<Instant> authenticatedAt) {
}
