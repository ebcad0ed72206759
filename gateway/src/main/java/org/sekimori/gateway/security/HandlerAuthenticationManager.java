package org.sekimori.gateway.security;

import java.util.Arrays;
import org.sekimori.gateway.login.PasswordLogin;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates a handler by user ID and password. Hashing and the credential store's queries run
 * on their own small pool, one thread per core with a bounded queue, so a flood of login attempts
 * cannot take the event loop or unbounded memory (each Argon2id check holds 19 MiB).
 */
@Component
public class HandlerAuthenticationManager implements ReactiveAuthenticationManager {

    /** The same for every failure: unknown user ID, wrong password, locked or disabled account. */
    public static final String FAILURE = "Unknown user ID or wrong password.";

    private static final int QUEUED_CHECKS = 256;

    private final PasswordLogin passwordLogin;
    private final Scheduler hashing = Schedulers.newBoundedElastic(
            Runtime.getRuntime().availableProcessors(), QUEUED_CHECKS, "password-check");

    public HandlerAuthenticationManager(PasswordLogin passwordLogin) {
        this.passwordLogin = passwordLogin;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String userId = attempt.getName();
        char[] password = String.valueOf(attempt.getCredentials()).toCharArray();
        String address = attempt.getDetails() instanceof LoginAttempt login ? login.clientAddress() : "unknown";
        return Mono.fromCallable(() -> {
            try {
                PasswordLogin.Result result = passwordLogin.check(userId, password, address);
                if (result instanceof PasswordLogin.Refused refused) {
                    throw new LoginRefusedException(refused);
                }
                PasswordLogin.Verified verified = (PasswordLogin.Verified) result;
                return HandlerAuthentications.of(new PendingLogin(new AuthenticatedHandler(verified.handler().userId(),
                        verified.handler().displayName(), verified.handler().roles(), verified.handler().attributes(),
                        AuthenticationMethod.PASSWORD, false), verified.remaining()));
            } finally {
                Arrays.fill(password, '\0');
            }
        }).subscribeOn(hashing);
    }

    /** The pool the other login steps (second factor, password change) run their slow work on. */
    public Scheduler scheduler() {
        return hashing;
    }
}
