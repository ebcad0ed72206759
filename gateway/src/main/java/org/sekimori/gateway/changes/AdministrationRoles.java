package org.sekimori.gateway.changes;

import java.util.ArrayList;
import java.util.List;
import org.sekimori.policy.model.Grant;
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

    /**
     * An error for each handler who would hold an administration role beside any other role, and
     * for each grant of data to an administration role: those who administer or audit see no
     * personal data (separation of duties).
     */
    public static List<ConfigurationError> separated(List<Handler> handlers, List<Grant> grants, String file) {
        List<ConfigurationError> errors = new ArrayList<>();
        for (Handler handler : handlers) {
            if (heldAmong(handler.roles()) && handler.roles().size() > 1) {
                errors.add(new ConfigurationError(file, 0, handler.userId(), "holds " + String.join(", ",
                        handler.roles()) + ": an administrator or auditor holds no other role (their duties are "
                        + "kept apart from handling personal data and from each other)"));
            }
        }
        for (Grant grant : grants) {
            if (administers(grant.role())) {
                errors.add(new ConfigurationError(file, 0, "grants." + grant.id(), "gives the role '" + grant.role()
                        + "' access to a data system: administrators and auditors see no personal data"));
            }
        }
        return errors;
    }

    /** Whether {@code roles} hold administrator or auditor: roles kept out of personal data. */
    public static boolean heldAmong(java.util.Collection<String> roles) {
        return roles.stream().anyMatch(AdministrationRoles::administers);
    }

    private static boolean administers(String role) {
        return role.equals(ADMINISTRATOR) || role.equals(AUDITOR);
    }
}
