package org.sekimori.gateway.changes;

import java.util.ArrayList;
import java.util.List;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;
import org.sekimori.policy.model.Role;
import org.sekimori.policy.load.ConfigurationError;

/**
 * The roles the gateway's own administration rests on: no change to the policy or the directory may
 * leave either undeclared or held by no active handler, or no one could administer or audit it.
 */
public final class AdministrationRoles {

    /** Administers the gateway (the API under /api/admin). */
    public static final String ADMINISTRATOR = "administrator";
    /** Audits it (the API under /api/audit). */
    public static final String AUDITOR = "auditor";

    private AdministrationRoles() {
    }

    /** An error, naming {@code file}, for each of the two roles not declared in {@code roles} or held in {@code handlers}. */
    public static List<ConfigurationError> kept(List<Role> roles, List<Handler> handlers, String file) {
        List<ConfigurationError> errors = new ArrayList<>();
        for (String needed : List.of(ADMINISTRATOR, AUDITOR)) {
            boolean declared = roles.stream().anyMatch(role -> role.id().equals(needed));
            boolean held = handlers.stream().anyMatch(handler -> handler.roles().contains(needed)
                    && handler.status() == HandlerStatus.ACTIVE);
            if (!declared || !held) {
                errors.add(new ConfigurationError(file, 0, "roles", "the role '" + needed + "' must "
                        + (declared ? "be held by an active handler" : "stay declared") + ": without it no one could "
                        + (needed.equals(ADMINISTRATOR) ? "administer" : "audit") + " the gateway"));
            }
        }
        return errors;
    }
}
