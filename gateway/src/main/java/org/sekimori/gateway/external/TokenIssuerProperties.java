package org.sekimori.gateway.external;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.sekimori.keys.token.AccessTokenRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The external identity providers whose access tokens API clients may bring, and the one browsers
 * may log in at. None by default: without an issuer, every bearer token is refused.
 *
 * @param browserLogin unset, browsers log in only with a user ID and password
 */
@ConfigurationProperties("sekimori.auth")
public record TokenIssuerProperties(@DefaultValue List<Issuer> issuers, BrowserLogin browserLogin)
        implements Validator {

    private static final Pattern USER_ID_SUFFIX = Pattern.compile("@[A-Za-z0-9.-]{1,32}");

    /**
     * Login in a browser at an external OpenID Connect provider: the authorization code flow with
     * PKCE, state and nonce. Roles, second factor and the directory mapping come from the entry in
     * {@code issuers} with the same issuer, applied to the ID token.
     *
     * @param issuer the provider's issuer; its discovery document is read at startup
     * @param clientSecret unset for a public client, which PKCE alone protects
     * @param label the name on the login page's button
     */
    public record BrowserLogin(String issuer, String clientId, String clientSecret,
            @DefaultValue({"openid", "profile"}) List<String> scopes,
            @DefaultValue("your organisation's sign-in") String label) {
    }

    /** The issuer entry browser logins are mapped with. */
    Issuer browserLoginIssuer() {
        return issuers.stream().filter(issuer -> issuer.issuer().equals(browserLogin.issuer())).findFirst()
                .orElseThrow();
    }

    /**
     * One trusted issuer.
     *
     * @param issuer the exact {@code iss} of its tokens
     * @param jwkSetUri where it publishes its signing keys; HTTPS, or HTTP to a loopback address
     * @param audiences the {@code aud} values that mean this gateway
     * @param algorithms the signature algorithms accepted (public-key algorithms only)
     * @param rolesClaim the claim path of the handler's roles, e.g. {@code realm_access.roles}
     * @param userIdClaim the claim that names an auto-provisioned handler's user ID
     * @param mfaAcr {@code acr} values that mean the login used a second factor
     * @param mfaAmr {@code amr} entries that mean the login used a second factor
     * @param requiredClaims claims a token must carry besides {@code exp}
     * @param autoProvision whether a subject the directory does not list may act, with the roles its token carries
     * @param userIdSuffix what an auto-provisioned handler's user ID ends with (e.g. {@code @partner-univ}),
     *     so that two issuers' subjects of the same name, or a directory handler's, are never confused
     * @param keySetRefresh how long fetched keys are used before they are fetched again
     * @param requireAccessTokenType whether tokens must say {@code typ: at+jwt} in their header (RFC
     *     9068); set it for an issuer that types its access tokens, so no other token of it passes
     */
    public record Issuer(String issuer, URI jwkSetUri, @DefaultValue List<String> audiences,
            @DefaultValue({"RS256", "PS256", "ES256"}) List<String> algorithms,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String userIdClaim,
            @DefaultValue List<String> mfaAcr,
            @DefaultValue({"mfa", "otp", "hwk"}) List<String> mfaAmr,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("nbf") List<String> requiredClaims,
            @DefaultValue("false") boolean autoProvision,
            String userIdSuffix,
            @DefaultValue("5m") Duration keySetRefresh,
            @DefaultValue("false") boolean requireAccessTokenType) {

        AccessTokenRules rules() {
            return new AccessTokenRules(issuer, Set.copyOf(audiences), Set.copyOf(algorithms), clockSkew,
                    Set.copyOf(requiredClaims), requireAccessTokenType);
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return TokenIssuerProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Set<String> seen = new HashSet<>();
        Set<String> suffixes = new HashSet<>();
        for (int i = 0; i < issuers.size(); i++) {
            Issuer issuer = issuers.get(i);
            String field = "issuers[" + i + "]";
            if (issuer.issuer() != null && !seen.add(issuer.issuer())) {
                errors.rejectValue(field + ".issuer", "duplicate", "is listed twice");
            }
            try {
                issuer.rules();
            } catch (IllegalArgumentException e) {
                errors.rejectValue(field, "invalid", e.getMessage());
            }
            if (issuer.jwkSetUri() == null || !fetchableSafely(issuer.jwkSetUri())) {
                errors.rejectValue(field + ".jwkSetUri", "invalid",
                        "must be an https: URL (or http: to a loopback address, for development)");
            }
            if (issuer.autoProvision() && (issuer.userIdSuffix() == null
                    || !USER_ID_SUFFIX.matcher(issuer.userIdSuffix()).matches())) {
                errors.rejectValue(field + ".userIdSuffix", "invalid", "is required with auto-provision: '@' and "
                        + "1 to 32 letters, digits, '.' or '-', naming the issuer (e.g. @partner-univ)");
            } else if (issuer.autoProvision() && !suffixes.add(issuer.userIdSuffix().toLowerCase(Locale.ROOT))) {
                errors.rejectValue(field + ".userIdSuffix", "duplicate", "is another issuer's too");
            }
            if (issuer.keySetRefresh().compareTo(Duration.ofMinutes(1)) < 0) {
                errors.rejectValue(field + ".keySetRefresh", "invalid", "must be at least 1m");
            }
        }
        if (browserLogin != null) {
            if (browserLogin.issuer() == null || !seen.contains(browserLogin.issuer())) {
                errors.rejectValue("browserLogin.issuer", "invalid", "must be the issuer of one of sekimori.auth.issuers,"
                        + " whose settings map the ID token to a handler");
            }
            if (browserLogin.clientId() == null || browserLogin.clientId().isBlank()) {
                errors.rejectValue("browserLogin.clientId", "invalid", "is required");
            }
            if (!browserLogin.scopes().contains("openid")) {
                errors.rejectValue("browserLogin.scopes", "invalid", "must include openid");
            }
        }
    }

    /** Keys fetched in clear over a network could be swapped on the way; only loopback is spared TLS. */
    private static boolean fetchableSafely(URI uri) {
        if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
            return true;
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
