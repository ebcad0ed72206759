package org.sekimori.gateway.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.keys.PasswordHasher;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks the secrets of confidential clients at the token endpoint. Each Argon2id check costs, so
 * checks run one at a time on their own thread with few waiting, and a flood of guesses cannot
 * slow handlers' logins; an address that keeps guessing is blocked by the same counter as one
 * that keeps guessing passwords, and is refused without a check while blocked. A secret that
 * matched lately is recognised by its SHA-256 digest (compared in constant time) for a while, so
 * that a system asking for a token every few minutes pays for the hash once.
 */
final class ClientSecrets {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);
    private static final int WAITING_CHECKS = 32;

    private record Matched(byte[] digest, Instant until) {
    }

    private final PasswordHasher hasher;
    private final CredentialStore store;
    private final LoginProperties.Lockout lockout;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, Matched> matched = new ConcurrentHashMap<>();
    private final Scheduler checking = Schedulers.newBoundedElastic(1, WAITING_CHECKS, "client-secret-check");

    ClientSecrets(PasswordHasher hasher, CredentialStore store, LoginProperties.Lockout lockout, Clock clock) {
        this.hasher = hasher;
        this.store = store;
        this.lockout = lockout;
        this.clock = clock;
        this.dummyHash = hasher.hash("not-a-client-secret".toCharArray());
    }

    /**
     * Whether {@code secret} is the secret of {@code client}; false, after the same work, for an
     * unknown or public client. 503 when too many checks are waiting.
     */
    Mono<Boolean> matches(Optional<TokenProperties.Client> client, String secret, String address) {
        Optional<TokenProperties.Client> confidential = client.filter(known -> !known.isPublic());
        byte[] digest = sha256(secret);
        if (confidential.map(known -> rememberedMatch(known.clientId(), digest)).orElse(false)) {
            return Mono.just(true);
        }
        return Mono.fromCallable(() -> check(confidential, secret, digest, address)).subscribeOn(checking)
                .onErrorMap(RejectedExecutionException.class, busy -> new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "Too many token requests are waiting; try again shortly."));
    }

    private boolean check(Optional<TokenProperties.Client> client, String secret, byte[] digest, String address) {
        Instant now = clock.instant();
        if (store.addressBlockedUntil(address, now).isPresent()) {
            return false;
        }
        boolean matches = hasher.verify(secret.toCharArray(), client.map(TokenProperties.Client::secretHash)
                .orElse(dummyHash)) && client.isPresent();
        if (!matches) {
            store.countFailure(Optional.empty(), address, now, lockout);
            return false;
        }
        matched.put(client.get().clientId(), new Matched(digest, now.plus(REMEMBERED_FOR)));
        return true;
    }

    private boolean rememberedMatch(String clientId, byte[] digest) {
        Matched last = matched.get(clientId);
        return last != null && last.until().isAfter(clock.instant()) && MessageDigest.isEqual(last.digest(), digest);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
