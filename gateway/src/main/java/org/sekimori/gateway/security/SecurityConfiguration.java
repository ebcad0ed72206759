package org.sekimori.gateway.security;

import java.time.Clock;
import org.sekimori.gateway.admin.LedgerEndpoints;
import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.audit.LoginEvents;
import org.sekimori.gateway.external.BearerTokenFilter;
import org.sekimori.gateway.external.OidcBrowserLogin;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.gateway.login.PasswordChange;
import org.sekimori.gateway.login.SecondFactor;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.tls.HandlerAssertion;
import org.sekimori.gateway.tokens.TokenEndpoints;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what, before any route is considered: everything needs a logged-in handler except
 * the login itself and the management endpoints (served on their own loopback-only port).
 * Browsers log in with the form at {@code /login}; scripts with one JSON POST to
 * {@code /api/session}. Both get a new session id at login, so a planted session cannot be
 * taken over.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String SESSION_API = "/api/session";

    /**
     * Spring Security would wrap every filter and authorization decision in an observation: a
     * measurable share of each request, for nothing the request metrics do not already show.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SmallJsonBody smallJsonBody(JsonMapper json) {
        return new SmallJsonBody(json);
    }

    @Bean
    LoginStepEndpoints loginStepEndpoints(SecondFactor secondFactor, PasswordChange passwordChange,
            CredentialStore store, LoginProperties properties, ServerSecurityContextRepository contexts,
            JsonLoginResponses answers, SmallJsonBody body, ClientAddress clients, LoginEvents events,
            HandlerAuthenticationManager passwords, StepUp stepUp, Clock clock) {
        return new LoginStepEndpoints(secondFactor, passwordChange, store, properties, contexts, answers, body, clients,
                events, passwords, stepUp, clock);
    }

    @Bean
    RouterFunction<ServerResponse> loginStepRoutes(LoginStepEndpoints endpoints) {
        return endpoints.routes();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, HandlerAuthenticationManager authentication,
            JsonLoginResponses jsonLogin, JsonOrLoginPageEntryPoint entryPoint, JsonResponses responses,
            SmallJsonBody body, ManagementPortMatcher managementPort, ClientAddress clients,
            ServerSecurityContextRepository contextRepository, LoginFailureNotes failures,
            BearerTokenFilter bearer, OidcBrowserLogin sso) {
        ServerWebExchangeMatcher scriptLogin = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, SESSION_API);
        ServerWebExchangeMatcher scriptLogout = ServerWebExchangeMatchers.pathMatchers(HttpMethod.DELETE, SESSION_API);

        sso.configure(http, browserLogin(), ssoLoginFailure(), contextRepository);
        return http
                .securityContextRepository(contextRepository)
                .authenticationManager(authentication)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(managementPort).permitAll()
                        .matchers(scriptLogin).permitAll()
                        .pathMatchers(HttpMethod.POST, TokenEndpoints.TOKEN).permitAll()
                        .pathMatchers(HttpMethod.GET, TokenEndpoints.JWKS, TokenEndpoints.METADATA,
                                HandlerAssertion.KEYS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/login").permitAll()
                        // A login that still owes a step reaches only the steps, its session and logout.
                        .pathMatchers(HttpMethod.POST, LoginStepEndpoints.SECOND_FACTOR, LoginStepEndpoints.TOTP,
                                LoginStepEndpoints.TOTP_CONFIRM, LoginStepEndpoints.PASSWORD, "/logout").authenticated()
                        .pathMatchers(SESSION_API, "/login/next").authenticated()
                        .pathMatchers("/api/audit/**").hasRole("auditor")
                        // Auditors check the ledger against the trail; it holds no personal data and is only read.
                        .pathMatchers(HttpMethod.GET, LedgerEndpoints.LEDGER, LedgerEndpoints.LEDGER + ".*")
                                .hasAnyRole("administrator", "auditor")
                        .pathMatchers("/api/admin/**").hasRole("administrator")
                        // The responsible person reviews operations; auditors check them.
                        .pathMatchers(HttpMethod.GET, "/api/reports/**").hasAnyRole("administrator", "auditor")
                        .pathMatchers("/api/reports/**").denyAll()
                        .anyExchange().hasAuthority(HandlerAuthentications.HANDLER))
                .addFilterAt(browserLoginFilter(authentication, contextRepository, clients, failures),
                        SecurityWebFiltersOrder.FORM_LOGIN)
                .addFilterAt(bearer.webFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(scriptLoginFilter(authentication, jsonLogin, contextRepository, scriptLogin, body, clients),
                        SecurityWebFiltersOrder.FORM_LOGIN)
                .logout(logout -> logout
                        .requiresLogout(new OrServerWebExchangeMatcher(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/logout"), scriptLogout))
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                (exchange, auth) -> Mono.fromRunnable(
                                        () -> HandlerAttributeFilter.note(exchange.getExchange(), auth)),
                                loggedOut(contextRepository), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler((exchange, auth) -> scriptLogout.matches(exchange.getExchange())
                                .flatMap(match -> match.isMatch()
                                        ? Mono.fromRunnable(() -> exchange.getExchange().getResponse()
                                                .setStatusCode(HttpStatus.NO_CONTENT))
                                        : browserLogout().onLogoutSuccess(exchange, auth))))
                .csrf(csrf -> csrf
                        .csrfTokenRequestHandler(new HeaderOnlyCsrfTokenRequestHandler())
                        .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                                CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(scriptLogin),
                                new NegatedServerWebExchangeMatcher(BearerTokenFilter.BEARER_REQUEST),
                                // Client authentication or PKCE, not a session, stands behind a token request.
                                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(
                                        HttpMethod.POST, TokenEndpoints.TOKEN))))
                        .accessDeniedHandler((exchange, denied) -> responses.error(exchange, HttpStatus.FORBIDDEN,
                                "The CSRF token is missing or wrong: send the csrfToken from the login answer (or "
                                        + "GET /api/session) in the X-CSRF-TOKEN header with every change; "
                                        + "browsers: reload the page and submit its form again.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        // The record of a refusal names who was refused.
                        .accessDeniedHandler((exchange, denied) -> exchange.getPrincipal()
                                .doOnNext(login -> HandlerAttributeFilter.note(exchange, login))
                                .map(login -> login instanceof Authentication auth
                                        && auth.getPrincipal() instanceof PendingLogin pending
                                        ? "Finish logging in first: " + LoginStepHints.of(pending.next())
                                        : "You may not do this.")
                                .defaultIfEmpty("You may not do this.")
                                .flatMap(message -> responses.error(exchange, HttpStatus.FORBIDDEN, message))))
                .build();
    }

    private static AuthenticationWebFilter scriptLoginFilter(HandlerAuthenticationManager authentication,
            JsonLoginResponses jsonLogin, ServerSecurityContextRepository contextRepository,
            ServerWebExchangeMatcher scriptLogin, SmallJsonBody body, ClientAddress clients) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(authentication);
        filter.setRequiresAuthenticationMatcher(scriptLogin);
        filter.setServerAuthenticationConverter(new JsonCredentialsConverter(body, clients));
        filter.setAuthenticationSuccessHandler(jsonLogin);
        filter.setAuthenticationFailureHandler(jsonLogin);
        filter.setSecurityContextRepository(contextRepository);
        return filter;
    }

    /** The browser form at {@code /login}: user ID and password as form fields, with the CSRF token. */
    private static AuthenticationWebFilter browserLoginFilter(HandlerAuthenticationManager authentication,
            ServerSecurityContextRepository contextRepository, ClientAddress clients,
            LoginFailureNotes failures) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(authentication);
        filter.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login"));
        filter.setServerAuthenticationConverter(new FormCredentialsConverter(clients));
        filter.setAuthenticationSuccessHandler(browserLogin());
        filter.setAuthenticationFailureHandler(browserLoginFailure(failures));
        filter.setSecurityContextRepository(contextRepository);
        return filter;
    }

    /**
     * Goes to the start page, as Spring Security would, noting the handler for the login's record;
     * a login that still owes a step goes to the page that says which.
     */
    private static ServerAuthenticationSuccessHandler browserLogin() {
        var home = new RedirectServerAuthenticationSuccessHandler("/");
        var nextStep = new RedirectServerAuthenticationSuccessHandler("/login/next");
        return (exchange, authentication) -> {
            HandlerAttributeFilter.note(exchange.getExchange(), authentication);
            if (authentication.getPrincipal() instanceof PendingLogin) {
                return nextStep.onAuthenticationSuccess(exchange, authentication);
            }
            return home.onAuthenticationSuccess(exchange, authentication);
        };
    }

    /** Back to the form with the one message every failure gets, after noting the reason for the record. */
    private static ServerAuthenticationFailureHandler browserLoginFailure(LoginFailureNotes failures) {
        var form = new RedirectServerAuthenticationFailureHandler("/login?error");
        return (exchange, exception) -> failures.note(exchange.getExchange(), exception)
                .then(form.onAuthenticationFailure(exchange, exception));
    }

    /** Clears the login through the session repository, which stops tracking the session. */
    private static SecurityContextServerLogoutHandler loggedOut(ServerSecurityContextRepository contextRepository) {
        var handler = new SecurityContextServerLogoutHandler();
        handler.setSecurityContextRepository(contextRepository);
        return handler;
    }

    /** Back to the form, as for a failed password, after noting why the provider's login failed. */
    private static ServerAuthenticationFailureHandler ssoLoginFailure() {
        var form = new RedirectServerAuthenticationFailureHandler("/login?error");
        return (exchange, exception) -> {
            exchange.getExchange().getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE,
                    OidcBrowserLogin.failureCode(exception));
            return form.onAuthenticationFailure(exchange, exception);
        };
    }

    private static RedirectServerLogoutSuccessHandler browserLogout() {
        var handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(java.net.URI.create("/login?logout"));
        return handler;
    }
}
