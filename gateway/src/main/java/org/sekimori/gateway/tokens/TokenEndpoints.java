package org.sekimori.gateway.tokens;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.keys.token.TokenSigningKey;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The gateway as an OAuth 2.0 authorization server for its own handlers: the authorization code
 * with PKCE (S256, required) for command-line tools and scripts a handler starts from a logged-in
 * browser, and client credentials for registered systems, which act as the handler the
 * configuration names. Tokens are JWTs signed with the gateway's token key, published at
 * {@value #JWKS}; the gateway accepts them as bearer tokens like an external issuer's.
 */
public final class TokenEndpoints {

    public static final String AUTHORIZE = "/oauth2/authorize";
    public static final String TOKEN = "/oauth2/token";
    public static final String JWKS = "/oauth2/jwks";
    public static final String METADATA = "/.well-known/oauth-authorization-server";

    private final Map<String, TokenProperties.Client> clients;
    private final TokenProperties properties;
    private final AuthorizationCodes codes;
    private final TokenMinter minter;
    private final TokenSigningKey key;
    private final ClientSecrets secrets;
    private final ClientAddress clientAddress;
    private final Directory directory;
    private final CurrentPolicy policy;
    private final Clock clock;

    TokenEndpoints(TokenProperties properties, TokenMinter minter, TokenSigningKey key, ClientSecrets secrets,
            ClientAddress clientAddress, Directory directory, CurrentPolicy policy, Clock clock) {
        this.clients = properties.clients().stream()
                .collect(Collectors.toMap(TokenProperties.Client::clientId, Function.identity()));
        this.properties = properties;
        this.codes = new AuthorizationCodes(clock);
        this.minter = minter;
        this.key = key;
        this.secrets = secrets;
        this.clientAddress = clientAddress;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(GET(AUTHORIZE), this::authorize)
                .andRoute(POST(TOKEN), this::token)
                .andRoute(GET(JWKS), request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(key.publicJwkSet()))
                .andRoute(GET(METADATA), request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(metadata()));
    }

    /** Issues a code to the logged-in handler's browser, for the client to redeem. */
    private Mono<ServerResponse> authorize(ServerRequest request) {
        TokenProperties.Client client = clients.get(request.queryParam("client_id").orElse(""));
        Optional<URI> redirect = request.queryParam("redirect_uri").flatMap(TokenEndpoints::uri);
        if (client == null || !client.allows("authorization-code") || redirect.isEmpty()
                || !registered(client, redirect.get())) {
            // Never send the browser to an address the client did not register.
            return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).bodyValue(
                    "Unknown client, or a redirect_uri it did not register: nothing was issued.");
        }
        Optional<String> state = request.queryParam("state");
        if (!"code".equals(request.queryParam("response_type").orElse(""))) {
            return back(redirect.get(), state, Map.of("error", "unsupported_response_type"));
        }
        String challenge = request.queryParam("code_challenge").orElse(null);
        if (!"S256".equals(request.queryParam("code_challenge_method").orElse("")) || !Pkce.wellFormedChallenge(challenge)) {
            return back(redirect.get(), state, Map.of("error", "invalid_request",
                    "error_description", "PKCE with code_challenge_method=S256 is required"));
        }
        return request.exchange().getPrincipal().cast(Authentication.class)
                .map(login -> (AuthenticatedHandler) login.getPrincipal())
                .flatMap(handler -> handler.method() == AuthenticationMethod.BEARER
                        // A token must not buy a fresh one: only a person's login session is asked.
                        ? back(redirect.get(), state, Map.of("error", "access_denied",
                                "error_description", "log in with a browser session, not a bearer token"))
                        : request.exchange().getSession()
                                .map(session -> Optional.ofNullable(session.<Instant>getAttribute(StepUp.CONFIRMED_AT)))
                                .flatMap(secondFactorAt -> codes.issue(client.clientId(), redirect.get(), challenge,
                                        handler, secondFactorAt)
                                        .map(code -> back(redirect.get(), state, Map.of("code", code)))
                                        .orElseGet(() -> back(redirect.get(), state, Map.of("error",
                                                "temporarily_unavailable", "error_description",
                                                "too many codes are waiting to be redeemed; try again in a minute")))));
    }

    private Mono<ServerResponse> token(ServerRequest request) {
        return request.formData().flatMap(form -> {
            String grant = form.getFirst("grant_type");
            if ("authorization_code".equals(grant)) {
                return codeGrant(request, form);
            }
            if ("client_credentials".equals(grant)) {
                return clientCredentials(request);
            }
            return error(request, HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "grant_type must be authorization_code or client_credentials");
        });
    }

    private Mono<ServerResponse> codeGrant(ServerRequest request, MultiValueMap<String, String> form) {
        TokenProperties.Client client = clients.get(String.valueOf(form.getFirst("client_id")));
        if (client == null || !client.isPublic()) {
            return error(request, HttpStatus.UNAUTHORIZED, "invalid_client",
                    "Unknown client_id; confidential clients use client credentials");
        }
        Optional<AuthorizationCodes.Grant> grant = codes.redeem(form.getFirst("code"))
                .filter(found -> found.clientId().equals(client.clientId()))
                .filter(found -> found.redirectUri().toString().equals(form.getFirst("redirect_uri")))
                .filter(found -> Pkce.matches(form.getFirst("code_verifier"), found.codeChallenge()));
        if (grant.isEmpty()) {
            return error(request, HttpStatus.BAD_REQUEST, "invalid_grant",
                    "The code is unknown, expired, used already, or was issued for another client, redirect_uri "
                            + "or code_verifier");
        }
        return issued(request, grant.get().handler(), client.clientId(), grant.get().secondFactorAt());
    }

    private Mono<ServerResponse> clientCredentials(ServerRequest request) {
        Optional<String[]> basic = basicCredentials(request);
        Optional<TokenProperties.Client> known = basic.map(pair -> clients.get(pair[0]));
        String address = clientAddress.of(request.exchange().getRequest()).getHostAddress();
        return secrets.matches(known, basic.map(pair -> pair[1]).orElse(""), address)
                .flatMap(matches -> {
                    if (!matches) {
                        return error(request, HttpStatus.UNAUTHORIZED, "invalid_client",
                                "Send the client's id and secret with HTTP Basic authentication");
                    }
                    TokenProperties.Client client = known.orElseThrow();
                    if (!client.allows("client-credentials")) {
                        return error(request, HttpStatus.BAD_REQUEST, "unauthorized_client",
                                "This client may not use client credentials");
                    }
                    Optional<Handler> handler = directory.handler(client.actsAs()).filter(this::active);
                    if (handler.isEmpty()) {
                        return error(request, HttpStatus.BAD_REQUEST, "invalid_grant",
                                "The handler this client acts as is not an active handler");
                    }
                    Handler acting = handler.get();
                    return issued(request, new AuthenticatedHandler(acting.userId(), acting.displayName(),
                            acting.roles(), acting.attributes(), AuthenticationMethod.BEARER, false), client.clientId(),
                            Optional.empty());
                });
    }

    private boolean active(Handler handler) {
        return handler.status() == HandlerStatus.ACTIVE
                && !handler.expiredOn(LocalDate.ofInstant(clock.instant(), policy.zone()));
    }

    private Mono<ServerResponse> issued(ServerRequest request, AuthenticatedHandler handler, String clientId,
            Optional<Instant> secondFactorAt) {
        request.exchange().getAttributes().put(ExchangeAttributes.HANDLER, handler);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", minter.mint(handler, clientId, secondFactorAt));
        body.put("token_type", "Bearer");
        body.put("expires_in", minter.lifetimeSeconds());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(body);
    }

    /** An RFC 6749 error answer, its code also noted for the record. */
    private static Mono<ServerResponse> error(ServerRequest request, HttpStatus status, String error,
            String description) {
        request.exchange().getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE,
                "token-request-" + error.replace('_', '-'));
        ServerResponse.BodyBuilder answer = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sekimori\"");
        }
        return answer.bodyValue(Map.of("error", error, "error_description", description));
    }

    private static Optional<String[]> basicCredentials(ServerRequest request) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * Exactly as registered, except that a loopback address may come with any port (RFC 8252 7.3:
     * a command-line tool listens where it can).
     */
    private static boolean registered(TokenProperties.Client client, URI redirect) {
        return client.redirectUris().stream().anyMatch(registered -> registered.equals(redirect)
                || ("http".equals(registered.getScheme()) && "http".equals(redirect.getScheme())
                        && registered.getHost().equals(redirect.getHost())
                        && java.util.Objects.equals(registered.getRawPath(), redirect.getRawPath())
                        && redirect.getRawQuery() == null && redirect.getRawFragment() == null));
    }

    /**
     * Back to the client's redirect URI with the answer's parameters and the client's {@code state},
     * each value percent-encoded as it is: nothing in them is a template or already encoded.
     */
    private static Mono<ServerResponse> back(URI redirect, Optional<String> state, Map<String, String> parameters) {
        Map<String, String> answer = new LinkedHashMap<>(parameters);
        state.ifPresent(value -> answer.put("state", value));
        StringBuilder location = new StringBuilder(redirect.toString());
        char separator = redirect.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> parameter : answer.entrySet()) {
            location.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        return ServerResponse.seeOther(URI.create(location.toString())).build();
    }

    /** A redirect URI as RFC 6749 3.1.2 allows it: absolute, without a fragment. */
    private static Optional<URI> uri(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getRawFragment() == null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", properties.issuer());
        metadata.put("authorization_endpoint", properties.issuer() + AUTHORIZE);
        metadata.put("token_endpoint", properties.issuer() + TOKEN);
        metadata.put("jwks_uri", properties.issuer() + JWKS);
        metadata.put("response_types_supported", java.util.List.of("code"));
        metadata.put("grant_types_supported", java.util.List.of("authorization_code", "client_credentials"));
        metadata.put("code_challenge_methods_supported", java.util.List.of("S256"));
        metadata.put("token_endpoint_auth_methods_supported", java.util.List.of("none", "client_secret_basic"));
        return metadata;
    }
}
