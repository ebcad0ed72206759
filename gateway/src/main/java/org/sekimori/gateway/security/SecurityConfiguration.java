package org.sekimori.gateway.security;

import org.sekimori.gateway.web.JsonResponses;
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
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
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
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, HandlerAuthenticationManager authentication,
            JsonLoginResponses jsonLogin, JsonOrLoginPageEntryPoint entryPoint, JsonResponses responses, JsonMapper json,
            ManagementPortMatcher managementPort) {
        var contextRepository = new WebSessionServerSecurityContextRepository();
        ServerWebExchangeMatcher scriptLogin = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, SESSION_API);
        ServerWebExchangeMatcher scriptLogout = ServerWebExchangeMatchers.pathMatchers(HttpMethod.DELETE, SESSION_API);

        return http
                .securityContextRepository(contextRepository)
                .authenticationManager(authentication)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(managementPort).permitAll()
                        .matchers(scriptLogin).permitAll()
                        .pathMatchers(HttpMethod.GET, "/login").permitAll()
                        .pathMatchers("/api/audit/**").hasRole("auditor")
                        .anyExchange().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .authenticationSuccessHandler(browserLogin())
                        .authenticationManager(authentication)
                        .securityContextRepository(contextRepository))
                .addFilterAt(scriptLoginFilter(authentication, jsonLogin, contextRepository, scriptLogin, json),
                        SecurityWebFiltersOrder.FORM_LOGIN)
                .logout(logout -> logout
                        .requiresLogout(new OrServerWebExchangeMatcher(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/logout"), scriptLogout))
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                (exchange, auth) -> Mono.fromRunnable(
                                        () -> HandlerAttributeFilter.note(exchange.getExchange(), auth)),
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler((exchange, auth) -> scriptLogout.matches(exchange.getExchange())
                                .flatMap(match -> match.isMatch()
                                        ? Mono.fromRunnable(() -> exchange.getExchange().getResponse()
                                                .setStatusCode(HttpStatus.NO_CONTENT))
                                        : browserLogout().onLogoutSuccess(exchange, auth))))
                .csrf(csrf -> csrf
                        .csrfTokenRequestHandler(new HeaderOnlyCsrfTokenRequestHandler())
                        .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                                CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(scriptLogin)))
                        .accessDeniedHandler((exchange, denied) -> responses.error(exchange, HttpStatus.FORBIDDEN,
                                "The CSRF token is missing or wrong: send the csrfToken from the login answer (or "
                                        + "GET /api/session) in the X-CSRF-TOKEN header with every change; "
                                        + "browsers: reload the page and submit its form again.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, denied) -> responses.error(exchange, HttpStatus.FORBIDDEN,
                                "You may not do this.")))
                .build();
    }

    private static AuthenticationWebFilter scriptLoginFilter(HandlerAuthenticationManager authentication,
            JsonLoginResponses jsonLogin, WebSessionServerSecurityContextRepository contextRepository,
            ServerWebExchangeMatcher scriptLogin, JsonMapper json) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(authentication);
        filter.setRequiresAuthenticationMatcher(scriptLogin);
        filter.setServerAuthenticationConverter(new JsonCredentialsConverter(json));
        filter.setAuthenticationSuccessHandler(jsonLogin);
        filter.setAuthenticationFailureHandler(jsonLogin);
        filter.setSecurityContextRepository(contextRepository);
        return filter;
    }

    /** Goes to the start page, as Spring Security would, noting the handler for the login's record. */
    private static ServerAuthenticationSuccessHandler browserLogin() {
        var redirect = new RedirectServerAuthenticationSuccessHandler("/");
        return (exchange, authentication) -> {
            HandlerAttributeFilter.note(exchange.getExchange(), authentication);
            return redirect.onAuthenticationSuccess(exchange, authentication);
        };
    }

    private static RedirectServerLogoutSuccessHandler browserLogout() {
        var handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(java.net.URI.create("/login?logout"));
        return handler;
    }
}
