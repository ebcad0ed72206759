package org.sekimori.gateway.tls;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.route.DataSystemRoutes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.keys.assertion.AssertionSigningKey;
import org.sekimori.policy.Decision;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's signed word to a data system about who is asking: the handler's user ID and roles,
 * the purpose, whether an exception was invoked, and the decision id, for that data system alone
 * and for a minute (Ed25519, header type {@value AssertionSigningKey#TYPE}). A data system that
 * checks it with the keys at {@value #KEYS} (or in {@code assertion-keys.json} beside the key)
 * knows the request passed the gateway's policy; any such header a client sent never reaches it.
 */
public final class HandlerAssertion {

    public static final String HEADER = "Sekimori-Assertion";
    public static final String KEYS = "/.well-known/sekimori-assertion-keys";
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final Path file;
    private final String issuer;
    private final Clock clock;
    private volatile AssertionSigningKey key;

    public HandlerAssertion(Path file, String issuer, Clock clock) {
        this.file = file;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The assertion for a request the policy permitted, as it is sent to the data system its route leads to. */
    public Optional<String> of(ServerWebExchange exchange) {
        URI upstream = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        return upstream == null ? Optional.empty()
                : of(exchange, exchange.getRequest().getMethod().name(), upstream.getRawPath());
    }

    /**
     * The assertion for one request to the data system on behalf of the permitted request of
     * {@code exchange}: good for that method and path only ({@code htm}, {@code htu}, as in RFC
     * 9449), so that one seen on the way cannot be replayed for another action.
     */
    public Optional<String> of(ServerWebExchange exchange, String method, String path) {
        AuthenticatedHandler handler = exchange.getAttribute(ExchangeAttributes.HANDLER);
        Decision decision = exchange.getAttribute(ExchangeAttributes.DECISION);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object dataSystem = route == null ? null : route.getMetadata().get(DataSystemRoutes.DATA_SYSTEM);
        if (handler == null || !(decision instanceof Decision.Permit permit) || !(dataSystem instanceof String id)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(handler.userId())
                .audience(id).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(ExchangeAttributes.correlationId(exchange)).claim("roles", handler.roles())
                .claim("purpose", permit.obligations().purpose()).claim("mfa", handler.mfa())
                .claim("htm", method).claim("htu", path)
                .claim("exception", permit.exception().orElse(null));
        return Optional.of(key().sign(claims.build()));
    }

    /** The public keys, as a JWK set. */
    public Map<String, Object> publicKeys() {
        return key().publicJwkSet();
    }

    /**
     * Made on first use (a gateway that sends nothing to a data system writes no key), with its
     * public half written beside it for data systems on the same host to read.
     */
    private AssertionSigningKey key() {
        AssertionSigningKey loaded = key;
        return loaded != null ? loaded : load(); // no lock on the path of every request once loaded
    }

    private synchronized AssertionSigningKey load() {
        if (key == null) {
            try {
                AssertionSigningKey loaded = AssertionSigningKey.loadOrCreate(file);
                Files.writeString(publicFile(), JSONObjectUtils.toJSONString(loaded.publicJwkSet()));
                key = loaded;
            } catch (IOException e) {
                throw new UncheckedIOException("the assertion signing key in " + file + " cannot be used", e);
            }
        }
        return key;
    }

    /** Where the public keys are written: {@code assertion-keys.json} beside the key. */
    Path publicFile() {
        return file.resolveSibling("assertion-keys.json");
    }
}
