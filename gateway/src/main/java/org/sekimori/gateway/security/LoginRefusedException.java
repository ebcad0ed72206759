package org.sekimori.gateway.security;

import org.sekimori.gateway.login.PasswordLogin;
import org.springframework.security.authentication.BadCredentialsException;

/** A refused login; its message is the same for every reason, which only the audit record names. */
public class LoginRefusedException extends BadCredentialsException {

    private final transient PasswordLogin.Refused refusal;

    public LoginRefusedException(PasswordLogin.Refused refusal) {
        super(HandlerAuthenticationManager.FAILURE);
        this.refusal = refusal;
    }

    public PasswordLogin.Refused refusal() {
        return refusal;
    }
}
