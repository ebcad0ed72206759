package org.sekimori.gateway.external;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sekimori.keys.token.IssuerKeys;
import org.sekimori.keys.token.TokenRefusal;
import org.sekimori.keys.token.TokenRefusedException;
import reactor.core.publisher.Mono;

/**
 * One issuer's signing keys, fetched from its JWK set URL and kept for a while. Fetched again when
 * they grow old, or sooner when a token names a key not in the set (the issuer may have rotated),
 * but never more often than every {@link #MIN_FETCH_INTERVAL}, so that tokens with made-up key ids
 * cannot make the gateway hammer the issuer. While the issuer cannot be reached, the keys last
 * fetched stay in use.
 */
final class IssuerKeySet implements KeySource {

    static final Duration MIN_FETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_KEY_SET_BYTES = 512 * 1024;
    private static final Log log = LogFactory.getLog(IssuerKeySet.class);

    private record Fetched(IssuerKeys keys, Instant at) {
    }

    private final URI uri;
    private final Duration refresh;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicReference<Fetched> current = new AtomicReference<>();
    private final AtomicReference<Instant> lastAttempt = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Mono<IssuerKeys>> inFlight = new AtomicReference<>();

    IssuerKeySet(URI uri, Duration refresh, HttpClient client, Clock clock) {
        this.uri = uri;
        this.refresh = refresh;
        this.client = client;
        this.clock = clock;
    }

    /** The keys to verify with: those fetched, unless they are old enough to fetch again. */
    @Override
    public Mono<IssuerKeys> keys() {
        Fetched fetched = current.get();
        if (fetched != null && fetched.at().plus(refresh).isAfter(clock.instant())) {
            return Mono.just(fetched.keys());
        }
        return fetchIfAllowed();
    }

    /** The keys after fetching them again, if the last fetch was long enough ago; else those held. */
    @Override
    public Mono<IssuerKeys> afterUnknownKey() {
        return fetchIfAllowed();
    }

    private Mono<IssuerKeys> fetchIfAllowed() {
        Instant now = clock.instant();
        Instant last = lastAttempt.get();
        Fetched held = current.get();
        if (last.plus(MIN_FETCH_INTERVAL).isAfter(now) && inFlight.get() == null) {
            return held != null ? Mono.just(held.keys()) : unavailable();
        }
        Mono<IssuerKeys> running = inFlight.get();
        if (running != null) {
            return running;
        }
        lastAttempt.set(now);
        Mono<IssuerKeys> fetch = fetch()
                .onErrorResume(failure -> {
                    log.warn("Cannot fetch the signing keys of " + uri + ": " + failure.getMessage()
                            + (held != null ? "; the keys fetched at " + held.at() + " stay in use" : ""));
                    return held != null ? Mono.just(held.keys()) : unavailable();
                })
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, fetch) ? fetch : fetchIfAllowed();
    }

    private Mono<IssuerKeys> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        return Mono.fromFuture(() -> client.sendAsync(request, LimitedBody.upTo(MAX_KEY_SET_BYTES)))
                // The request's timeout ends at the headers; a body trickled in slowly ends here.
                .timeout(FETCH_TIMEOUT.multipliedBy(2))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP status " + response.statusCode());
                    }
                    IssuerKeys keys = IssuerKeys.parse(new String(response.body(), StandardCharsets.UTF_8));
                    current.set(new Fetched(keys, clock.instant()));
                    return keys;
                });
    }

    private static Mono<IssuerKeys> unavailable() {
        return Mono.error(new TokenRefusedException(TokenRefusal.KEYS_UNAVAILABLE));
    }
}
