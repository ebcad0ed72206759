package org.sekimori.demo.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.HexFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What a data system behind Sekimori does with the gateway's assertion of the handler: it serves
 * a request only if the assertion is signed (Ed25519) by one of the gateway's keys (read from the file the
 * gateway publishes them in, and read again when an assertion names a key not seen yet), typed as
 * an assertion, meant for this system and for this method and path, and not expired. Anything else is refused with 401: a
 * request that did not pass the gateway.
 */
final class GatewayAssertionCheck implements HandlerInterceptor {

    static final String HEADER = "Sekimori-Assertion";
    private static final String TYPE = "sekimori-assertion+jwt";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final Path keysFile;
    private final String audience;
    private final Clock clock;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
    private final AtomicReference<FileTime> readAt = new AtomicReference<>();

    GatewayAssertionCheck(Path keysFile, String audience, Clock clock) {
        this.keysFile = keysFile;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String problem = problem(request.getHeader(HEADER), request.getMethod(), request.getRequestURI());
        if (problem != null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "This data system serves only requests that passed "
                    + "the Sekimori gateway: " + problem, List.of());
        }
        return true;
    }

    private String problem(String assertion, String method, String path) {
        if (assertion == null) {
            return "no " + HEADER + " header.";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getType() == null
                    || !TYPE.equals(jwt.getHeader().getType().getType())) {
                return "the assertion is not a gateway assertion.";
            }
            JWK key = key(jwt.getHeader().getKeyID());
            if (!(key instanceof OctetKeyPair ed) || !Curve.Ed25519.equals(ed.getCurve())
                    || !verifies(jwt, ed)) {
                return "the assertion is not signed by the gateway.";
            }
            Instant expires = jwt.getJWTClaimsSet().getExpirationTime() == null ? Instant.MIN
                    : jwt.getJWTClaimsSet().getExpirationTime().toInstant();
            if (!expires.plus(SKEW).isAfter(clock.instant())) {
                return "the assertion has expired.";
            }
            if (!jwt.getJWTClaimsSet().getAudience().contains(audience)) {
                return "the assertion is meant for another data system.";
            }
            if (!method.equals(jwt.getJWTClaimsSet().getStringClaim("htm"))
                    || !path.equals(jwt.getJWTClaimsSet().getStringClaim("htu"))) {
                return "the assertion is for another request.";
            }
            return null;
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            return "the assertion cannot be read.";
        }
    }

    /** Ed25519 with the JDK's own provider: the raw public key put in its X.509 wrapping. */
    private static boolean verifies(SignedJWT jwt, OctetKeyPair key) throws GeneralSecurityException {
        byte[] wrapped = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(key.getDecodedX()));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(wrapped)));
        signature.update(jwt.getSigningInput());
        return signature.verify(jwt.getSignature().decode());
    }

    /**
     * The key with {@code id}, reading the gateway's key file again when it is not known yet and
     * the file changed since it was last read: a made-up key id costs a look at the file's time.
     */
    private JWK key(String id) {
        JWK known = id == null ? null : keys.get().getKeyByKeyId(id);
        if (known != null || id == null) {
            return known;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(keysFile);
            if (!modified.equals(readAt.get())) {
                keys.set(JWKSet.load(keysFile.toFile()));
                readAt.set(modified);
            }
        } catch (IOException | ParseException e) {
            return null; // not written yet, or unreadable: nothing can be verified
        }
        return keys.get().getKeyByKeyId(id);
    }
}
