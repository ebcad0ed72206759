package org.sekimori.jmh;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sekimori.keys.assertion.AssertionSigningKey;

/**
 * The gateway's assertion of the handler, signed per second on one thread: what every request to
 * a data system costs the gateway for it (one Ed25519 signature over claims like a nurse's), and,
 * for comparison, the JDK's ECDSA P-256 (ES256) over the same claims, which it replaced.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AssertionSigningBenchmark {

    private AssertionSigningKey key;
    private com.nimbusds.jose.jwk.ECKey es256;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("assertion-benchmark");
        key = AssertionSigningKey.loadOrCreate(dir.resolve("assertion-signing.jwk"));
        es256 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
    }

    @Benchmark
    public String jdkEs256() throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(
                com.nimbusds.jose.JWSAlgorithm.ES256), claims());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(es256));
        return jwt.serialize();
    }

    @Benchmark
    public String assertion() {
        return key.sign(claims());
    }

    private static JWTClaimsSet claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("https://sekimori.example.jp").subject("nurse.sato")
                .audience("followup").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of("nurse"))
                .claim("purpose", "follow-up-care").claim("mfa", true).build();
    }
}
