package org.sekimori.gateway.external;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sekimori.keys.token.AccessTokenRules;

/** The configured issuers by their {@code iss}, each with its rules and its keys. */
public final class TrustedIssuers {

    /** One issuer ready to check tokens with. */
    record Trusted(TokenIssuerProperties.Issuer settings, AccessTokenRules rules, IssuerKeySet keys) {
    }

    private final Map<String, Trusted> byIssuer = new LinkedHashMap<>();

    public TrustedIssuers(TokenIssuerProperties properties, Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (TokenIssuerProperties.Issuer issuer : properties.issuers()) {
            byIssuer.put(issuer.issuer(), new Trusted(issuer, issuer.rules(),
                    new IssuerKeySet(issuer.jwkSetUri(), issuer.keySetRefresh(), client, clock)));
        }
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
