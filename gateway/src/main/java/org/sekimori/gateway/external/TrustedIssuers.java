package org.sekimori.gateway.external;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.gateway.tokens.TokenProperties;
import org.sekimori.keys.token.AccessTokenRules;
import org.sekimori.keys.token.TokenSigningKey;

/** The configured issuers by their {@code iss}, each with its rules and its keys. */
public final class TrustedIssuers {

    /**
     * One issuer ready to check tokens with.
     *
     * @param settings how an external issuer's tokens map to handlers; null for the gateway's own
     */
    record Trusted(TokenIssuerProperties.Issuer settings, AccessTokenRules rules, KeySource keys) {

        boolean own() {
            return settings == null;
        }
    }

    private final Map<String, Trusted> byIssuer = new LinkedHashMap<>();

    /** The configured external issuers, and the gateway itself for the tokens it issues. */
    public TrustedIssuers(TokenIssuerProperties properties, TokenProperties own, TokenSigningKey ownKey, Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (TokenIssuerProperties.Issuer issuer : properties.issuers()) {
            byIssuer.put(issuer.issuer(), new Trusted(issuer, issuer.rules(),
                    new IssuerKeySet(issuer.jwkSetUri(), issuer.keySetRefresh(), client, clock)));
        }
        if (byIssuer.containsKey(own.issuer())) {
            throw new ConfigurationException(List.of(new ConfigurationError("configuration", 0, "sekimori.tokens.issuer",
                    "must differ from every issuer in sekimori.auth.issuers, not '" + own.issuer()
                            + "': the gateway's own tokens and a provider's would be confused")));
        }
        byIssuer.put(own.issuer(), new Trusted(null, new AccessTokenRules(own.issuer(),
                Set.of(TokenProperties.AUDIENCE), Set.of("RS256"), Duration.ofSeconds(30), Set.of("nbf", "iat"), true),
                KeySource.fixed(ownKey.verificationKeys())));
    }

    Optional<Trusted> of(String issuer) {
        return Optional.ofNullable(issuer).map(byIssuer::get);
    }

    public boolean isEmpty() {
        return byIssuer.isEmpty();
    }

    /** Fetches every issuer's keys now, so that the first tokens need not wait for them. */
    public void prefetch() {
        byIssuer.values().forEach(trusted -> trusted.keys().keys().onErrorComplete().subscribe());
    }
}
