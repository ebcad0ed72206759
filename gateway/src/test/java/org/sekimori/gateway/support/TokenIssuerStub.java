package org.sekimori.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An identity provider's token side, for tests that need tokens a real provider would never issue
 * (attack tokens): it publishes a JWK set over HTTP, as a provider does, and signs tokens with the
 * matching private key. It counts every fetch per path, so a test can show that the gateway never
 * followed a URL a token named.
 */
public final class TokenIssuerStub implements AutoCloseable {

    private final String issuer;
    private final Clock clock;
    private final HttpServer server;
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final AtomicReference<RSAKey> signingKey = new AtomicReference<>();
    private final AtomicReference<String> published = new AtomicReference<>();

    public TokenIssuerStub(String issuer, Clock clock) throws IOException {
        this.issuer = issuer;
        this.clock = clock;
        rotate("key-1");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/certs") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Publishes a new signing key (and only it) under {@code keyId}, as a provider's rotation does. */
    public RSAKey rotate(String keyId) {
        RSAKey key = generate(keyId);
        signingKey.set(key);
        published.set(new JWKSet(key.toPublicJWK()).toString());
        return key;
    }

    /** An RSA key the issuer never published: an attacker's. */
    public static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI jwkSetUri() {
        return url("/certs");
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int fetches(String path) {
        AtomicInteger count = fetches.get(path);
        return count == null ? 0 : count.get();
    }

    public String issuer() {
        return issuer;
    }

    /** Claims of a valid access token for {@code subject} with these realm roles, valid for five minutes. */
    public JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience("sekimori").issueTime(now)
                .notBeforeTime(now).expirationTime(Date.from(clock.instant().plusSeconds(300)))
                .claim("typ", "Bearer").claim("realm_access", Map.of("roles", roles));
    }

    /** A token signed with the published key, the header shaped by {@code header}. */
    public String sign(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        return sign(claims, header, signingKey.get());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, UnaryOperator.identity());
    }

    /** A token signed with {@code key}, under the published key's id unless {@code header} changes it. */
    public String sign(JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.get().getKeyID())).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey signingKey() {
        return signingKey.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
