package org.sekimori.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The two kinds of authentication a session can hold: a complete login, whose authorities are the
 * handler's roles plus {@value #HANDLER}, and a pending one, which has only {@value #PENDING}.
 * Everything beyond the login steps requires {@value #HANDLER}.
 */
public final class HandlerAuthentications {

    /** The authority of every completed login. */
    public static final String HANDLER = "handler";
    /** The only authority of a login that still owes a step. */
    public static final String PENDING = "login-pending";

    private HandlerAuthentications() {
    }

    public static Authentication complete(AuthenticatedHandler handler) {
        return token(handler);
    }

    /** A complete login by a bearer token, with what the token says beyond its handler. */
    public static Authentication bearer(AuthenticatedHandler handler, BearerDetails details) {
        UsernamePasswordAuthenticationToken login = token(handler);
        login.setDetails(details);
        return login;
    }

    private static UsernamePasswordAuthenticationToken token(AuthenticatedHandler handler) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(HANDLER));
        handler.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return UsernamePasswordAuthenticationToken.authenticated(handler, null, authorities);
    }

    /** A complete login when nothing is owed, else a pending one. */
    public static Authentication of(PendingLogin login) {
        return login.complete() ? complete(login.handler())
                : UsernamePasswordAuthenticationToken.authenticated(login, null,
                        List.of(new SimpleGrantedAuthority(PENDING)));
    }
}
