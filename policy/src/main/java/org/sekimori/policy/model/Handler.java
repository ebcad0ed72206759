package org.sekimori.policy.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who handles personal data through the gateway, identified by an individual user ID
 * (never a shared account).
 *
 * @param passwordHash the initial password as an Argon2id hash in PHC string form (never the
 *     password itself); once the handler changes it, the credential store holds the current one
 * @param attributes named values grants can scope records by, such as the municipalities a nurse covers
 * @param contractor whether the handler works for a contractor (seed rules Art.27): such access must expire
 * @param accessExpires the last day the handler may log in, if limited
 * @param mustChangePassword whether the initial password was set by an administrator, so must be
 *     replaced at the first login
 * @param externalIdentities the accounts at external OpenID Connect providers that log in as this handler
 */
public record Handler(
        String userId,
        String displayName,
        String organisation,
        List<String> roles,
        String passwordHash,
        HandlerStatus status,
        Map<String, List<String>> attributes,
        boolean contractor,
        Optional<LocalDate> accessExpires,
        boolean mustChangePassword,
        List<ExternalIdentity> externalIdentities) {

    public Handler {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(accessExpires, "accessExpires");
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
        externalIdentities = List.copyOf(externalIdentities);
    }

    /** Whether the handler's access has run out by {@code today} (in the organisation's zone). */
    public boolean expiredOn(LocalDate today) {
        return accessExpires.map(last -> today.isAfter(last)).orElse(false);
    }

    @Override
    public String toString() {
        // The hash is kept out of logs and error messages: it is offline-attackable material.
        return "Handler[userId=" + userId + ", roles=" + roles + ", status=" + status + "]";
    }
}
