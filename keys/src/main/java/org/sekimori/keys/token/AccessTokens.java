package org.sekimori.keys.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks bearer access tokens (JWS-signed JWTs) in two steps: {@link #read} looks at the token's
 * form and header without trusting anything, {@link #verify} checks the signature against the
 * issuer's published keys and then the claims against the issuer's rules. A key is never taken
 * from the token itself, and the algorithm must be on the issuer's public-key allow-list before
 * any key is looked at.
 */
public final class AccessTokens {

    /** Real access tokens are a few kilobytes; a longer one is refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** Header {@code typ} values of access tokens: plain JWTs, and RFC 9068's. */
    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");
    /** RFC 9068's header {@code typ} of JWT access tokens, short and long. */
    private static final Set<String> JWT_ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");
    /** Claims only ID tokens carry (OpenID Connect Core 2, 3.1.3.6 and 3.3.2.11). */
    private static final List<String> ID_TOKEN_CLAIMS = List.of("at_hash", "c_hash", "nonce");
    /** Some signatures per token at most, so that a key set of many keys without ids costs little. */
    private static final int MAX_CANDIDATE_KEYS = 4;

    private AccessTokens() {
    }

    /** Reads a token's structure, header and claimed issuer; trusts none of it yet. */
    public static UnverifiedToken read(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED, "The bearer token is longer than "
                    + MAX_TOKEN_CHARS + " characters.");
        }
        JWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = JWTParser.parse(token);
            if (jwt instanceof PlainJWT) {
                throw new TokenRefusedException(TokenRefusal.UNSIGNED);
            }
            if (!(jwt instanceof SignedJWT)) {
                throw new TokenRefusedException(TokenRefusal.MALFORMED);
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED);
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSHeader header = signed.getHeader();
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            throw new TokenRefusedException(TokenRefusal.EMBEDDED_KEY);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new TokenRefusedException(TokenRefusal.CRITICAL_HEADER);
        }
        if (header.getType() != null
                && !ACCESS_TOKEN_TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
            throw new TokenRefusedException(TokenRefusal.NOT_ACCESS_TOKEN);
        }
        if (claims.getIssuer() == null) {
            throw new TokenRefusedException(TokenRefusal.MISSING_CLAIM, "The bearer token has no iss claim.");
        }
        return new UnverifiedToken(signed, claims);
    }

    /**
     * Verifies the signature with the issuer's keys, then the claims; returns the token's claims
     * once both hold.
     */
    public static VerifiedToken verify(UnverifiedToken token, AccessTokenRules rules, IssuerKeys keys, Instant now) {
        JWSHeader header = token.jwt().getHeader();
        if (!rules.allows(header.getAlgorithm())) {
            throw new TokenRefusedException(TokenRefusal.ALGORITHM);
        }
        if (rules.requireAccessTokenType() && (header.getType() == null
                || !JWT_ACCESS_TOKEN_TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT)))) {
            throw new TokenRefusedException(TokenRefusal.NOT_ACCESS_TOKEN);
        }
        List<JWSVerifier> candidates = keys.candidates(header);
        if (candidates.isEmpty()) {
            throw new TokenRefusedException(TokenRefusal.UNKNOWN_KEY);
        }
        if (!signedByOneOf(token.jwt(), candidates)) {
            throw new TokenRefusedException(TokenRefusal.SIGNATURE);
        }
        JWTClaimsSet claims = token.claims();
        checkClaims(claims, rules, now);
        return new VerifiedToken(claims);
    }

    private static boolean signedByOneOf(SignedJWT jwt, List<JWSVerifier> candidates) {
        for (JWSVerifier verifier : candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATE_KEYS))) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException unverifiable) {
                // a key that cannot check this signature is a key that did not make it
            }
        }
        return false;
    }

    private static void checkClaims(JWTClaimsSet claims, AccessTokenRules rules, Instant now) {
        for (String required : rules.requiredClaims().stream().sorted().toList()) {
            if (claims.getClaim(required) == null) {
                throw new TokenRefusedException(TokenRefusal.MISSING_CLAIM,
                        "The bearer token has no " + required + " claim.");
            }
        }
        if (!rules.issuer().equals(claims.getIssuer())) {
            throw new TokenRefusedException(TokenRefusal.UNKNOWN_ISSUER);
        }
        Instant latest = now.plus(rules.clockSkew());
        Instant earliest = now.minus(rules.clockSkew());
        if (!instant(claims.getExpirationTime()).isAfter(earliest)) {
            throw new TokenRefusedException(TokenRefusal.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        Date issuedAt = claims.getIssueTime();
        if ((notBefore != null && instant(notBefore).isAfter(latest))
                || (issuedAt != null && instant(issuedAt).isAfter(latest))) {
            throw new TokenRefusedException(TokenRefusal.NOT_YET_VALID);
        }
        // Before the audience: an ID token often names the gateway as its audience too. Keycloak
        // types its tokens in a typ claim (Bearer, ID, Refresh, Logout): only Bearer is an access token.
        Object typ = claims.getClaim("typ");
        boolean idToken = (typ != null && !"Bearer".equalsIgnoreCase(String.valueOf(typ)))
                || ID_TOKEN_CLAIMS.stream().anyMatch(claim -> claims.getClaim(claim) != null);
        if (idToken) {
            throw new TokenRefusedException(TokenRefusal.NOT_ACCESS_TOKEN);
        }
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(rules.audiences()::contains)) {
            throw new TokenRefusedException(TokenRefusal.AUDIENCE);
        }
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }
}
