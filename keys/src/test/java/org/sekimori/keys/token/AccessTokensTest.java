package org.sekimori.keys.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String ISSUER = "https://idp.example.org/realms/sekimori";
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final RSAKey ATTACKER = generateRsa("rsa-1");
    private static final ECKey EC = generateEc("ec-1");
    private static final IssuerKeys KEYS = IssuerKeys.parse(new JWKSet(List.of(RSA.toPublicJWK(),
            EC.toPublicJWK())).toString());
    private static final AccessTokenRules RULES = new AccessTokenRules(ISSUER, Set.of("sekimori"),
            Set.of("RS256", "ES256"), Duration.ofSeconds(30), Set.of("nbf"), false);

    @Test
    void acceptsATokenSignedByTheIssuersKeyForThisAudience() throws Exception {
        VerifiedToken token = check(rs256(claims().build()));

        assertThat(token.issuer()).isEqualTo(ISSUER);
        assertThat(token.subject()).contains("f3a1-subject");
        assertThat(token.strings("realm_access.roles")).containsExactly("nurse", "offline_access");
        assertThat(token.strings("preferred_username")).containsExactly("nurse.suzuki");
        assertThat(token.strings("realm_access.missing")).isEmpty();
        assertThat(token.strings("exp")).isEmpty();
    }

    @Test
    void acceptsECDSAAndAnAudienceArrayThatContainsOurs() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims().audience(List.of("account", "sekimori")).build());
        jwt.sign(new ECDSASigner(EC));

        assertThat(check(jwt.serialize()).issuer()).isEqualTo(ISSUER);
    }

    @Test
    void acceptsSmallClockSkewAndTheAccessTokenTypes() throws Exception {
        check(rs256(claims().expirationTime(date(NOW.minusSeconds(20)))
                .notBeforeTime(date(NOW.plusSeconds(20))).build()));
        for (String type : List.of("JWT", "at+jwt", "application/at+jwt")) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                    .type(new JOSEObjectType(type)).build(), claims().build());
            jwt.sign(new RSASSASigner(RSA));
            check(jwt.serialize());
        }
    }

    @Test
    void refusesAnUnsignedToken() {
        String token = new PlainJWT(claims().build()).serialize();

        assertRefused(token, TokenRefusal.UNSIGNED);
        // The same with "alg":"none" spelled by hand and an empty signature part.
        String header = base64("{\"alg\":\"none\",\"kid\":\"rsa-1\"}");
        assertRefused(header + "." + token.split("\\.")[1] + ".", TokenRefusal.UNSIGNED);
    }

    @Test
    void refusesHmacSignedWithTheIssuersPublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                claims().build());
        byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, Math.max(publicKey.length, 32))));

        assertRefused(jwt.serialize(), TokenRefusal.ALGORITHM);
    }

    @Test
    void refusesAnAlgorithmOffTheIssuersList() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(),
                claims().build());
        jwt.sign(new RSASSASigner(RSA));

        assertRefused(jwt.serialize(), TokenRefusal.ALGORITHM);
    }

    @Test
    void refusesATokenThatBringsItsOwnKey() throws Exception {
        assertRefused(signedByAttacker(header -> header.jwk(ATTACKER.toPublicJWK())), TokenRefusal.EMBEDDED_KEY);
        assertRefused(signedByAttacker(header -> header.jwkURL(URI.create("http://127.0.0.1:1/keys"))),
                TokenRefusal.EMBEDDED_KEY);
        assertRefused(signedByAttacker(header -> header.x509CertURL(URI.create("http://127.0.0.1:1/cert"))),
                TokenRefusal.EMBEDDED_KEY);
    }

    @Test
    void refusesATokenSignedByAnotherKeyWithTheSameKeyId() throws Exception {
        assertRefused(signedByAttacker(UnaryOperator.identity()), TokenRefusal.SIGNATURE);
    }

    @Test
    void refusesAFlippedSignatureByteAnywhereInTheSignature() throws Exception {
        String token = rs256(claims().build());
        int signatureStart = token.lastIndexOf('.') + 1;
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(signatureStart));
        for (int i = 0; i < signature.length; i += 37) {
            byte[] flipped = signature.clone();
            flipped[i] ^= 0x01;
            assertRefused(token.substring(0, signatureStart) + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(flipped), TokenRefusal.SIGNATURE);
        }
    }

    @Test
    void refusesAChangedClaimUnderAnUnchangedSignature() throws Exception {
        String[] parts = rs256(claims().build()).split("\\.");
        String changed = base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("offline_access", "administrator"));

        assertRefused(parts[0] + "." + changed + "." + parts[2], TokenRefusal.SIGNATURE);
    }

    @Test
    void refusesAKeyIdTheIssuerDoesNotPublish() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(),
                claims().build());
        jwt.sign(new RSASSASigner(RSA));

        assertRefused(jwt.serialize(), TokenRefusal.UNKNOWN_KEY);
    }

    @Test
    void refusesMissingExpiryAndMissingNotBefore() throws Exception {
        assertRefused(rs256(claims().expirationTime(null).build()), TokenRefusal.MISSING_CLAIM);
        assertRefused(rs256(claims().notBeforeTime(null).build()), TokenRefusal.MISSING_CLAIM);
        assertThatThrownBy(() -> check(rs256(claims().issuer(null).build())))
                .hasMessage("The bearer token has no iss claim.");
    }

    @Test
    void refusesExpiredAndNotYetValidTokensBeyondTheSkew() throws Exception {
        assertRefused(rs256(claims().expirationTime(date(NOW.minusSeconds(31))).build()), TokenRefusal.EXPIRED);
        assertRefused(rs256(claims().expirationTime(date(NOW.minusSeconds(30))).build()), TokenRefusal.EXPIRED);
        assertRefused(rs256(claims().notBeforeTime(date(NOW.plusSeconds(31))).build()), TokenRefusal.NOT_YET_VALID);
        assertRefused(rs256(claims().issueTime(date(NOW.plusSeconds(600))).build()), TokenRefusal.NOT_YET_VALID);
    }

    @Test
    void refusesAnotherAudienceAndAnotherIssuer() throws Exception {
        assertRefused(rs256(claims().audience("account").build()), TokenRefusal.AUDIENCE);
        assertRefused(rs256(claims().audience(List.of()).build()), TokenRefusal.AUDIENCE);
        assertRefused(rs256(claims().issuer("https://idp.example.org/realms/other").build()),
                TokenRefusal.UNKNOWN_ISSUER);
    }

    @Test
    void refusesAnIdTokenUsedAsAnAccessToken() throws Exception {
        assertRefused(rs256(claims().claim("typ", "ID").build()), TokenRefusal.NOT_ACCESS_TOKEN);
        assertRefused(rs256(claims().claim("at_hash", "c2Vrzw1vcmk").build()), TokenRefusal.NOT_ACCESS_TOKEN);
        assertRefused(rs256(claims().claim("nonce", "n-0S6_WzA2Mj").build()), TokenRefusal.NOT_ACCESS_TOKEN);
        assertRefused(rs256(claims().claim("typ", "Refresh").build()), TokenRefusal.NOT_ACCESS_TOKEN);
        assertThat(check(rs256(claims().claim("typ", "Bearer").build())).issuer()).isEqualTo(ISSUER);
        SignedJWT logoutToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("logout+jwt")).build(), claims().build());
        logoutToken.sign(new RSASSASigner(RSA));
        assertRefused(logoutToken.serialize(), TokenRefusal.NOT_ACCESS_TOKEN);
    }

    @Test
    void anIssuerThatTypesItsAccessTokensHasEveryOtherTokenRefused() throws Exception {
        AccessTokenRules typed = new AccessTokenRules(ISSUER, Set.of("sekimori"), Set.of("RS256"),
                Duration.ofSeconds(30), Set.of(), true);
        SignedJWT accessToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        accessToken.sign(new RSASSASigner(RSA));

        assertThat(AccessTokens.verify(AccessTokens.read(accessToken.serialize()), typed, KEYS, NOW)
                .issuer()).isEqualTo(ISSUER);
        assertThatThrownBy(() -> AccessTokens.verify(AccessTokens.read(rs256(claims().build())), typed, KEYS,
                NOW)).isInstanceOfSatisfying(TokenRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(TokenRefusal.NOT_ACCESS_TOKEN));
    }

    @Test
    void readsWhenTheHandlerLastAuthenticated() throws Exception {
        assertThat(check(rs256(claims().claim("auth_time", 1_800_000_000L).build())).authenticatedAt())
                .contains(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(check(rs256(claims().claim("auth_time", "yesterday").build())).authenticatedAt()).isEmpty();
        assertThat(check(rs256(claims().build())).authenticatedAt()).isEmpty();
    }

    @Test
    void refusesCriticalHeadersGarbageAndOversizedTokens() throws Exception {
        SignedJWT critical = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .criticalParams(Set.of("exp")).customParam("exp", 1).build(), claims().build());
        critical.sign(new RSASSASigner(RSA));
        assertRefused(critical.serialize(), TokenRefusal.CRITICAL_HEADER);
        assertRefused("not-a-token", TokenRefusal.MALFORMED);
        assertRefused("a.b.c", TokenRefusal.MALFORMED);
        assertRefused(base64("{\"alg\":\"RS256\"}") + "." + base64("{\"exp\":\"tomorrow\",\"iss\":\"x\"}") + ".c2ln",
                TokenRefusal.MALFORMED);
        assertRefused("e".repeat(AccessTokens.MAX_TOKEN_CHARS + 1), TokenRefusal.MALFORMED);
    }

    @Test
    void refusesUnsafeRulesWithEveryReason() {
        assertThatThrownBy(() -> new AccessTokenRules(ISSUER, Set.of(), Set.of("HS256", "none"),
                Duration.ofHours(1), Set.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no audience")
                .hasMessageContaining("algorithm HS256 is not accepted")
                .hasMessageContaining("algorithm none is not accepted")
                .hasMessageContaining("clock skew");
    }

    @Test
    void aKeySetKeepsOnlyPublicSigningKeys() throws Exception {
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION)
                .generate();
        IssuerKeys keys = IssuerKeys.parse(new JWKSet(List.of(RSA, encryption.toPublicJWK())).toString(false));

        assertThat(keys.size()).isEqualTo(1);
        assertThatThrownBy(() -> IssuerKeys.parse("{\"keys\": 5}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static VerifiedToken check(String token) {
        return AccessTokens.verify(AccessTokens.read(token), RULES, KEYS, NOW);
    }

    private static void assertRefused(String token, TokenRefusal refusal) {
        assertThatThrownBy(() -> check(token)).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(refusal));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("f3a1-subject").audience("sekimori")
                .expirationTime(date(NOW.plusSeconds(300))).notBeforeTime(date(NOW.minusSeconds(5)))
                .issueTime(date(NOW.minusSeconds(5))).claim("preferred_username", "nurse.suzuki")
                .claim("realm_access", Map.of("roles", List.of("nurse", "offline_access")));
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims);
        jwt.sign(new RSASSASigner(RSA));
        return jwt.serialize();
    }

    private static String signedByAttacker(UnaryOperator<JWSHeader.Builder> header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")).build(),
                claims().build());
        jwt.sign(new RSASSASigner(ATTACKER));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static RSAKey generateRsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
