package org.sekimori.policy.model;

import java.util.List;
import java.util.Objects;

/**
 * A person who handles personal data through the gateway, identified by an individual user ID
 * (never a shared account).
 *
 * @param passwordHash an Argon2id hash in PHC string form; never the password itself
 */
public record Handler(
        String userId,
        String displayName,
        String organisation,
        List<String> roles,
        String passwordHash,
        HandlerStatus status) {

    public Handler {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        // The hash is kept out of logs and error messages: it is offline-attackable material.
        return "Handler[userId=" + userId + ", roles=" + roles + ", status=" + status + "]";
    }
}
