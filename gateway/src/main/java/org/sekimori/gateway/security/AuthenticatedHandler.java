package org.sekimori.gateway.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * The handler a request is made by, as established at login. Carries no credential.
 *
 * @param attributes the directory's named values that grants scope records by
 * @param method how the handler proved who they are
 * @param mfa whether the login used a second factor
 */
public record AuthenticatedHandler(String userId, String displayName, List<String> roles,
        Map<String, List<String>> attributes, AuthenticationMethod method, boolean mfa)
        implements Principal, Serializable {

    public AuthenticatedHandler {
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    /** The same handler, having proven a second factor. */
    public AuthenticatedHandler withMfa() {
        return new AuthenticatedHandler(userId, displayName, roles, attributes, method, true);
    }

    @Override
    public String getName() {
        return userId;
    }
}
