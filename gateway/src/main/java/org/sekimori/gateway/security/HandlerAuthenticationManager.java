package org.sekimori.gateway.security;

import java.util.Arrays;
import org.sekimori.policy.model.Handler;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates a handler by user ID and password. Hashing runs on its own small pool, one
 * thread per core with a bounded queue, so a flood of login attempts cannot take the event loop
 * or unbounded memory (each Argon2id check holds 19 MiB).
 */
@Component
public class HandlerAuthenticationManager implements ReactiveAuthenticationManager {

    /** The same for every failure: unknown user ID, wrong password, disabled account. */
    public static final String FAILURE = "Unknown user ID or wrong password.";

    private static final int QUEUED_CHECKS = 256;

    private final PasswordCheck passwordCheck;
    private final Scheduler hashing = Schedulers.newBoundedElastic(
            Runtime.getRuntime().availableProcessors(), QUEUED_CHECKS, "password-check");

    public HandlerAuthenticationManager(PasswordCheck passwordCheck) {
        this.passwordCheck = passwordCheck;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String userId = attempt.getName();
        char[] password = String.valueOf(attempt.getCredentials()).toCharArray();
        return Mono.fromCallable(() -> {
            try {
                return passwordCheck.check(userId, password)
                        .map(HandlerAuthenticationManager::authenticated)
                        .orElseThrow(() -> new BadCredentialsException(FAILURE));
            } finally {
                Arrays.fill(password, '\0');
            }
        }).subscribeOn(hashing);
    }

    private static Authentication authenticated(Handler handler) {
        var principal = new AuthenticatedHandler(handler.userId(), handler.displayName(), handler.roles(),
                handler.attributes(), AuthenticationMethod.PASSWORD, false);
        var authorities = handler.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }
}
