package org.sekimori.gateway.external;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's registration at the browser-login provider, with the endpoints read from the
 * provider's discovery document when a browser first needs them (and again after a failure, at
 * most every {@link #RETRY_AFTER}), so
 * that a provider that is down at startup does not stop the gateway or its password logins.
 */
final class DiscoveredClientRegistration implements ReactiveClientRegistrationRepository {

    static final String REGISTRATION_ID = "sso";
    static final Duration RETRY_AFTER = Duration.ofSeconds(15);

    private final TokenIssuerProperties.BrowserLogin login;
    private final AtomicReference<ClientRegistration> discovered = new AtomicReference<>();
    /** After a failed discovery, browsers are told at once for a while instead of each waiting on the provider. */
    private final AtomicReference<Instant> failedAt = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();

    DiscoveredClientRegistration(TokenIssuerProperties.BrowserLogin login) {
        this.login = login;
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return Mono.empty();
        }
        ClientRegistration known = discovered.get();
        if (known != null) {
            return Mono.just(known);
        }
        Instant failed = failedAt.get();
        if (failed != null && failed.plus(RETRY_AFTER).isAfter(clock.instant())) {
            return Mono.error(unreachable(null));
        }
        return Mono.fromCallable(this::discover).subscribeOn(Schedulers.boundedElastic())
                .doOnNext(discovered::set)
                .doOnError(failure -> failedAt.set(clock.instant()))
                .onErrorMap(failure -> !(failure instanceof ResponseStatusException), this::unreachable);
    }

    private ResponseStatusException unreachable(Throwable failure) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The sign-in provider cannot be reached "
                + "now; try again later, or log in with your user ID and password.", failure);
    }

    private ClientRegistration discover() {
        boolean publicClient = login.clientSecret() == null || login.clientSecret().isEmpty();
        return ClientRegistrations.fromIssuerLocation(login.issuer())
                .registrationId(REGISTRATION_ID)
                .clientId(login.clientId())
                .clientSecret(publicClient ? null : login.clientSecret())
                .clientAuthenticationMethod(publicClient ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .scope(login.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .clientName(login.label())
                .build();
    }
}
