package org.sekimori.gateway.external;

import java.util.regex.Pattern;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.HandlerAttributeFilter;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.token.TokenRefusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The filter that authenticates requests carrying {@code Authorization: Bearer ...}. Such a
 * request has no session: the token is its whole proof, so it needs no CSRF token either (a
 * browser cannot be made to send another site's bearer token). A refused token gets 401 with a
 * {@code WWW-Authenticate} challenge that says why, and its reason goes into the access record.
 */
public final class BearerTokenFilter {

    /** Requests that bring a bearer token, whatever the case of the scheme. */
    public static final ServerWebExchangeMatcher BEARER_REQUEST = exchange -> carriesBearer(exchange)
            ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();

    /** Whether the request brings a bearer token; if so, the token (and nothing else) authenticates it. */
    public static boolean carriesBearer(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** RFC 6750's token syntax (b64token); anything else is refused before parsing. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final ReactiveAuthenticationManager tokens;
    private final JsonResponses responses;

    BearerTokenFilter(ReactiveAuthenticationManager tokens, JsonResponses responses) {
        this.tokens = tokens;
        this.responses = responses;
    }

    /** A new filter for the security chain (not a bean: WebFlux would run a bean filter on its own, outside it). */
    public AuthenticationWebFilter webFilter() {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(tokens);
        filter.setRequiresAuthenticationMatcher(BEARER_REQUEST);
        filter.setServerAuthenticationConverter(exchange -> Mono.fromSupplier(() -> {
            String token = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION).substring(7).strip();
            return new BearerToken(TOKEN.matcher(token).matches() ? token : "");
        }));
        filter.setAuthenticationSuccessHandler((exchange, authentication) -> {
            HandlerAttributeFilter.note(exchange.getExchange(), authentication);
            return exchange.getChain().filter(exchange.getExchange());
        });
        filter.setAuthenticationFailureHandler((exchange, failure) -> refuse(exchange, failure));
        return filter;
    }

    private Mono<Void> refuse(WebFilterExchange filterExchange, AuthenticationException failure) {
        ServerWebExchange exchange = filterExchange.getExchange();
        TokenRefusal refusal = failure instanceof BearerTokenRefusedException refused ? refused.refusal()
                : TokenRefusal.MALFORMED;
        exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, refusal.code());
        if (refusal == TokenRefusal.KEYS_UNAVAILABLE) {
            return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
        }
        String error = refusal == TokenRefusal.MFA_REQUIRED ? "insufficient_user_authentication" : "invalid_token";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sekimori\", error=\""
                + error + "\", error_description=\"" + failure.getMessage().replace('"', '\'') + "\"");
        return responses.error(exchange, HttpStatus.UNAUTHORIZED, failure.getMessage());
    }
}
