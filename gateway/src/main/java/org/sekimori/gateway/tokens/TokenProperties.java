package org.sekimori.gateway.tokens;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The access tokens the gateway issues to its own handlers' scripts and to registered systems.
 *
 * @param issuer the {@code iss} of the tokens: the gateway's address as its clients know it
 * @param lifetime how long a token lasts; short, since it cannot be withdrawn
 * @param signingKey the RSA key (a private JWK) tokens are signed with; created on first start
 * @param clients the registered clients; none by default, so no token is issued
 */
@ConfigurationProperties("sekimori.tokens")
public record TokenProperties(@DefaultValue("http://127.0.0.1:8080") String issuer,
        @DefaultValue("5m") Duration lifetime,
        @DefaultValue("data/keys/token-signing.jwk") Path signingKey,
        @DefaultValue List<Client> clients) implements Validator {

    /** The audience of every issued token: the gateway itself. */
    public static final String AUDIENCE = "sekimori";

    /**
     * A registered client.
     *
     * @param secretHash the Argon2id hash of a confidential client's secret; unset for a public
     *     client (a command-line tool), which proves itself with PKCE alone
     * @param redirectUris where a browser may be sent back with a code; HTTPS, or HTTP to a
     *     loopback address, whose port may differ (RFC 8252: a CLI listens on any free port)
     * @param grantTypes {@code authorization-code} and/or {@code client-credentials}
     * @param actsAs the directory handler a system acts as with client credentials
     */
    public record Client(String clientId, String secretHash, @DefaultValue List<URI> redirectUris,
            @DefaultValue("authorization-code") List<String> grantTypes, String actsAs) {

        boolean isPublic() {
            return secretHash == null || secretHash.isBlank();
        }

        boolean allows(String grantType) {
            return grantTypes.contains(grantType);
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return TokenProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (lifetime.compareTo(Duration.ofSeconds(30)) < 0 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            errors.rejectValue("lifetime", "invalid", "must be between 30s and 1h");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            String field = "clients[" + i + "]";
            if (client.clientId() == null || !ids.add(client.clientId())) {
                errors.rejectValue(field + ".clientId", "invalid", "is missing or listed twice");
            }
            for (String grant : client.grantTypes()) {
                if (!Set.of("authorization-code", "client-credentials").contains(grant)) {
                    errors.rejectValue(field + ".grantTypes", "invalid", "'" + grant
                            + "' is not one of authorization-code, client-credentials");
                }
            }
            if (client.allows("client-credentials") && (client.isPublic() || client.actsAs() == null)) {
                errors.rejectValue(field, "invalid", "client credentials need a secretHash and actsAs (a handler)");
            }
            if (client.allows("authorization-code") && client.redirectUris().isEmpty()) {
                errors.rejectValue(field + ".redirectUris", "invalid", "are required for the authorization code");
            }
            client.redirectUris().stream().filter(uri -> !redirectable(uri)).forEach(uri -> errors.rejectValue(
                    field + ".redirectUris", "invalid", uri + " must be https:, or http: to a loopback address"));
        }
    }

    private static boolean redirectable(URI uri) {
        if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
            return uri.getFragment() == null;
        }
        try {
            return "http".equals(uri.getScheme()) && uri.getHost() != null
                    && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
