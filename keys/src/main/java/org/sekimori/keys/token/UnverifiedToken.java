package org.sekimori.keys.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token read but not yet trusted: its signature is unchecked, so nothing in it may be believed
 * except as a hint of which issuer's rules and keys to check it with.
 */
public final class UnverifiedToken {

    private final SignedJWT jwt;
    private final JWTClaimsSet claims;

    UnverifiedToken(SignedJWT jwt, JWTClaimsSet claims) {
        this.jwt = jwt;
        this.claims = claims;
    }

    /** The issuer the token claims; only a hint until the signature is verified. */
    public String claimedIssuer() {
        return claims.getIssuer();
    }

    SignedJWT jwt() {
        return jwt;
    }

    JWTClaimsSet claims() {
        return claims;
    }
}
