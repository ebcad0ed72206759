package org.sekimori.policy.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person who handles personal data through the gateway, identified by an individual user ID
 * (never a shared account).
 *
 * @param passwordHash an Argon2id hash in PHC string form; never the password itself
 * @param attributes named values grants can scope records by, such as the municipalities a nurse covers
 */
public record Handler(
        String userId,
        String displayName,
        String organisation,
        List<String> roles,
        String passwordHash,
        HandlerStatus status,
        Map<String, List<String>> attributes) {

    public Handler {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    @Override
    public String toString() {
        // The hash is kept out of logs and error messages: it is offline-attackable material.
        return "Handler[userId=" + userId + ", roles=" + roles + ", status=" + status + "]";
    }
}
