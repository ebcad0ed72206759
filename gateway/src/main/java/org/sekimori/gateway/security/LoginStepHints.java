package org.sekimori.gateway.security;

import org.sekimori.gateway.login.LoginStep;

/** What a script must send to finish a login, step by step. */
public final class LoginStepHints {

    private LoginStepHints() {
    }

    public static String of(LoginStep step) {
        return switch (step) {
            case SECOND_FACTOR -> "POST /api/session/second-factor with {\"code\": \"123456\"} from your "
                    + "authenticator app, or {\"recoveryCode\": \"...\"}";
            case ENROL_SECOND_FACTOR -> "Your roles require a second factor: POST /api/session/totp to get a secret "
                    + "for your authenticator app, then POST /api/session/totp/confirm with {\"code\": \"123456\"}";
            case CHANGE_PASSWORD -> "Choose a new password: POST /api/session/password with "
                    + "{\"currentPassword\": \"...\", \"newPassword\": \"...\"}";
        };
    }
}
