package org.sekimori.gateway.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import org.sekimori.gateway.login.LoginStep;

/**
 * A login half done: the password was right, but a second factor, its enrolment or a new password
 * is still owed. Such a session reaches nothing but the steps themselves; it is not an
 * {@link AuthenticatedHandler}, so no filter can mistake it for one.
 *
 * @param handler who the password belonged to, with what the completed login will carry
 * @param remaining the steps still owed, in order
 */
public record PendingLogin(AuthenticatedHandler handler, Set<LoginStep> remaining) implements Principal, Serializable {

    public PendingLogin {
        remaining = remaining.isEmpty() ? EnumSet.noneOf(LoginStep.class) : EnumSet.copyOf(remaining);
    }

    public LoginStep next() {
        return remaining.iterator().next();
    }

    /** The login after {@code step} is done; {@code mfa} when the step proved a second factor. */
    public PendingLogin after(LoginStep step, boolean mfa) {
        Set<LoginStep> rest = EnumSet.noneOf(LoginStep.class);
        rest.addAll(remaining);
        rest.remove(step);
        AuthenticatedHandler proven = mfa ? handler.withMfa() : handler;
        return new PendingLogin(proven, rest);
    }

    public boolean complete() {
        return remaining.isEmpty();
    }

    @Override
    public String getName() {
        return handler.userId();
    }
}
