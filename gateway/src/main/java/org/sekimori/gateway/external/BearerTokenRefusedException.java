package org.sekimori.gateway.external;

import org.sekimori.keys.token.TokenRefusal;
import org.sekimori.keys.token.TokenRefusedException;
import org.springframework.security.core.AuthenticationException;

/** A refused bearer token, in the form Spring Security hands to the failure handler. */
final class BearerTokenRefusedException extends AuthenticationException {

    private final TokenRefusal refusal;

    BearerTokenRefusedException(TokenRefusedException refused) {
        super(refused.getMessage());
        this.refusal = refused.refusal();
    }

    TokenRefusal refusal() {
        return refusal;
    }
}
