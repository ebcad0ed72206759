package org.sekimori.jmh;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sekimori.keys.token.AccessTokenRules;
import org.sekimori.keys.token.AccessTokens;
import org.sekimori.keys.token.IssuerKeys;
import org.sekimori.keys.token.VerifiedToken;

/**
 * Bearer tokens checked per second, one thread, with the issuer's key set already fetched and
 * cached (as it is for every request after the first): parsing, the header checks, one signature
 * verification and the claim checks. A key set of four keys, as an issuer has during a rotation;
 * tokens shaped like Keycloak's (about 1 KiB). {@code rs256} is what Keycloak signs with by
 * default; {@code es256} is the faster choice an issuer can make.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

    private static final String ISSUER = "https://idp.example.org/realms/sekimori";

    private AccessTokenRules rules;
    private IssuerKeys keys;
    private String rs256;
    private String es256;

    @Setup
    public void setUp() throws Exception {
        List<JWK> published = new ArrayList<>();
        RSAKey rsa = null;
        for (int i = 0; i < 3; i++) {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-" + i).generate();
            published.add(rsa.toPublicJWK());
        }
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-0").generate();
        published.add(ec.toPublicJWK());
        keys = IssuerKeys.parse(new JWKSet(published).toString());
        rules = new AccessTokenRules(ISSUER, Set.of("sekimori"), Set.of("RS256", "ES256"), Duration.ofSeconds(30),
                Set.of("iat"), false);
        SignedJWT rsaToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), claims());
        rsaToken.sign(new RSASSASigner(rsa));
        rs256 = rsaToken.serialize();
        SignedJWT ecToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-0").build(), claims());
        ecToken.sign(new ECDSASigner(ec));
        es256 = ecToken.serialize();
        check(rs256);
        check(es256);
    }

    @Benchmark
    public VerifiedToken rs256() {
        return check(rs256);
    }

    @Benchmark
    public VerifiedToken es256() {
        return check(es256);
    }

    private VerifiedToken check(String token) {
        return AccessTokens.verify(AccessTokens.read(token), rules, keys, Instant.now());
    }

    private static JWTClaimsSet claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("0c6f3d2e-5a1b-4f7e-9c8d-2b1a0e9f8d71")
                .audience(List.of("sekimori", "account")).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1)))).jwtID("onrtro:2b1a0e9f-8d71-4a5b")
                .claim("typ", "Bearer").claim("azp", "sekimori-cli").claim("sid", "8e1c0b2a-5d4f")
                .claim("acr", "1").claim("scope", "openid profile email")
                .claim("realm_access", Map.of("roles", List.of("nurse", "offline_access", "uma_authorization")))
                .claim("resource_access", Map.of("account", Map.of("roles", List.of("manage-account", "view-profile"))))
                .claim("preferred_username", "kondo.aoi").claim("email", "kondo.aoi@example.org")
                .claim("email_verified", true).claim("name", "Aoi Kondo").build();
    }
}
