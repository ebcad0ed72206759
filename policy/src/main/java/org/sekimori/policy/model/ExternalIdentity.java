package org.sekimori.policy.model;

import java.util.Objects;

/**
 * An account at an external OpenID Connect provider: the pair of the provider's issuer and its
 * subject identifier, which together (and only together) name one person for good.
 */
public record ExternalIdentity(String issuer, String subject) {

    public ExternalIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
    }
}
