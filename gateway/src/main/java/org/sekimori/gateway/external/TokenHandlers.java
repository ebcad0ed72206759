package org.sekimori.gateway.external;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.sekimori.keys.token.TokenRefusal;
import org.sekimori.keys.token.TokenRefusedException;
import org.sekimori.keys.token.VerifiedToken;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.ExternalIdentity;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;

/**
 * Who a verified token speaks for. A subject the directory lists (as an external identity at the
 * token's issuer) is that handler: it must be active and within its access period, and the token
 * can only narrow its roles, never add to them. A subject the directory does not list is refused,
 * unless the issuer is set to auto-provision: then it acts under the user ID the token names with
 * the issuer's suffix appended, with the token's roles.
 */
final class TokenHandlers {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final Directory directory;
    private final CurrentPolicy policy;
    private final Clock clock;

    TokenHandlers(Directory directory, CurrentPolicy policy, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The claims a handler is mapped from: an access token's, or an ID token's at a browser login.
     *
     * @param strings the strings at a dotted claim path
     */
    record Claims(String issuer, Optional<String> subject, Function<String, List<String>> strings) {
    }

    AuthenticatedHandler of(VerifiedToken token, TokenIssuerProperties.Issuer issuer) {
        return of(new Claims(token.issuer(), token.subject(), token::strings), issuer, AuthenticationMethod.BEARER);
    }

    /**
     * A token the gateway issued: its subject is a user ID of the directory, whose handler must still
     * be active; its roles can only be those the handler still holds.
     */
    AuthenticatedHandler own(VerifiedToken token) {
        Handler handler = token.subject().flatMap(directory::handler)
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_SUBJECT));
        return withSecondFactorWhereNeeded(listedHandler(handler, token.strings("roles"),
                token.strings("amr").contains("otp"), AuthenticationMethod.BEARER));
    }

    AuthenticatedHandler of(Claims token, TokenIssuerProperties.Issuer issuer, AuthenticationMethod method) {
        String subject = token.subject().orElseThrow(
                () -> new TokenRefusedException(TokenRefusal.MISSING_CLAIM, "The token has no sub claim."));
        List<String> tokenRoles = token.strings().apply(issuer.rolesClaim()).stream().filter(policy::declaresRole)
                .distinct().toList();
        boolean mfa = token.strings().apply("acr").stream().anyMatch(issuer.mfaAcr()::contains)
                || token.strings().apply("amr").stream().anyMatch(issuer.mfaAmr()::contains);
        Optional<Handler> listed = directory.handler(new ExternalIdentity(token.issuer(), subject));
        AuthenticatedHandler handler = listed.isPresent() ? listedHandler(listed.get(), tokenRoles, mfa, method)
                : provisioned(token, issuer, tokenRoles, mfa, method);
        return withSecondFactorWhereNeeded(handler);
    }

    private AuthenticatedHandler withSecondFactorWhereNeeded(AuthenticatedHandler handler) {
        if (!handler.mfa() && policy.requiresMfa(handler.roles())) {
            throw new TokenRefusedException(TokenRefusal.MFA_REQUIRED);
        }
        return handler;
    }

    private AuthenticatedHandler listedHandler(Handler handler, List<String> tokenRoles, boolean mfa,
            AuthenticationMethod method) {
        if (handler.status() != HandlerStatus.ACTIVE || handler.expiredOn(LocalDate.ofInstant(clock.instant(),
                policy.zone()))) {
            throw new TokenRefusedException(TokenRefusal.SUBJECT_NOT_ACTIVE);
        }
        List<String> roles = tokenRoles.stream().filter(handler.roles()::contains).toList();
        return new AuthenticatedHandler(handler.userId(), handler.displayName(), roles, handler.attributes(),
                method, mfa);
    }

    private AuthenticatedHandler provisioned(Claims token, TokenIssuerProperties.Issuer issuer,
            List<String> roles, boolean mfa, AuthenticationMethod method) {
        if (!issuer.autoProvision()) {
            throw new TokenRefusedException(TokenRefusal.UNKNOWN_SUBJECT);
        }
        List<String> named = token.strings().apply(issuer.userIdClaim());
        if (named.size() != 1 || !USER_ID.matcher(named.get(0)).matches()) {
            throw new TokenRefusedException(TokenRefusal.MISSING_CLAIM, "The token's "
                    + issuer.userIdClaim() + " claim is not a user ID.");
        }
        // Directory user IDs never hold '@', which every suffix starts with: no listed handler can be taken.
        String userId = named.get(0) + issuer.userIdSuffix();
        return new AuthenticatedHandler(userId, userId, roles, java.util.Map.of(), method, mfa);
    }
}
