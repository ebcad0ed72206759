package org.sekimori.gateway.external;

import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.web.server.OAuth2AuthorizationRequestRedirectWebFilter;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationCodeAuthenticationTokenConverter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;

/**
 * Browser login at the configured external OpenID Connect provider, when there is one: the
 * login page links to {@value #START}; the provider sends the browser back to
 * {@code /login/oauth2/code/sso}.
 */
public final class OidcBrowserLogin {

    /** Where a browser starts the login at the provider. */
    public static final String START = "/oauth2/authorization/" + DiscoveredClientRegistration.REGISTRATION_ID;
    /** Where the provider sends the browser back. */
    public static final String CALLBACK = "/login/oauth2/code/";

    private final TokenIssuerProperties.BrowserLogin login;
    private final DiscoveredClientRegistration registration;
    private final OidcLoginManager manager;

    OidcBrowserLogin(TokenIssuerProperties properties, TokenHandlers handlers) {
        this.login = properties.browserLogin();
        this.registration = login == null ? null : new DiscoveredClientRegistration(login);
        this.manager = login == null ? null : new OidcLoginManager(
                new OidcAuthorizationCodeReactiveAuthenticationManager(
                        new WebClientReactiveAuthorizationCodeTokenResponseClient(), new OidcReactiveOAuth2UserService()),
                handlers, properties.browserLoginIssuer());
    }

    /** Why a browser login at the provider failed, for its record: the OAuth 2.0 error, or the mapping's refusal. */
    public static String failureCode(org.springframework.security.core.AuthenticationException failure) {
        if (failure instanceof BearerTokenRefusedException refused) {
            return refused.refusal().code();
        }
        if (failure instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException oauth) {
            return "oidc-" + oauth.getError().getErrorCode().replace('_', '-');
        }
        return "oidc-failed";
    }

    /** The login button's label, when browser login at a provider is configured. */
    public Optional<String> label() {
        return Optional.ofNullable(login).map(TokenIssuerProperties.BrowserLogin::label);
    }

    /** Adds the login to the security chain, if configured; PKCE always, state and nonce by Spring Security. */
    public void configure(ServerHttpSecurity http, ServerAuthenticationSuccessHandler success,
            ServerAuthenticationFailureHandler failure, ServerSecurityContextRepository sessions) {
        if (login == null) {
            return;
        }
        var requests = new DefaultServerOAuth2AuthorizationRequestResolver(registration);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // Spring Security's oauth2Login() would keep the provider's tokens per principal and insists
        // on its own principal type; these two filters do the login and keep only the handler.
        http.addFilterAt(new OAuth2AuthorizationRequestRedirectWebFilter(requests), SecurityWebFiltersOrder.HTTP_BASIC);
        var callbacks = new ServerOAuth2AuthorizationCodeAuthenticationTokenConverter(registration);
        AuthenticationWebFilter callback = new AuthenticationWebFilter(manager);
        callback.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET,
                CALLBACK + "{registrationId}"));
        // A callback whose state matches no login started here is a failed login, not a server error.
        callback.setServerAuthenticationConverter(exchange -> callbacks.convert(exchange)
                .onErrorMap(OAuth2AuthorizationException.class,
                        unmatched -> new OAuth2AuthenticationException(unmatched.getError(), unmatched)));
        callback.setAuthenticationSuccessHandler(success);
        callback.setAuthenticationFailureHandler(failure);
        callback.setSecurityContextRepository(sessions);
        http.addFilterAt(callback, SecurityWebFiltersOrder.AUTHENTICATION);
    }
}
