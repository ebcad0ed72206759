package org.sekimori.gateway.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;

/** The handler a request is made by, as established at login. Carries no credential. */
public record AuthenticatedHandler(String userId, String displayName, List<String> roles)
        implements Principal, Serializable {

    public AuthenticatedHandler {
        roles = List.copyOf(roles);
    }

    @Override
    public String getName() {
        return userId;
    }
}
