package org.sekimori.gateway.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * Looks for the CSRF token only in the {@code X-CSRF-TOKEN} header, except on the gateway's own
 * forms (login, logout and the login steps). Spring Security would otherwise read a form-encoded body to find the
 * token; on a proxied request that consumes the body, the data system receives a Content-Length
 * with no body, and the next request on the same connection is read as the rest of it (request
 * smuggling past every gateway check).
 */
class HeaderOnlyCsrfTokenRequestHandler implements ServerCsrfTokenRequestHandler {

    /** The gateway's own form posts, never proxied: the login, the logout and the login steps. */
    private static final Set<String> FORM_PAGES = Set.of("/login", "/logout", LoginStepEndpoints.SECOND_FACTOR,
            LoginStepEndpoints.TOTP_CONFIRM, LoginStepEndpoints.PASSWORD, LoginStepEndpoints.STEP_UP);

    private final XorServerCsrfTokenRequestAttributeHandler delegate = new XorServerCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
        delegate.handle(exchange, csrfToken);
    }

    @Override
    public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
        boolean formPage = exchange.getRequest().getMethod() == HttpMethod.POST
                && FORM_PAGES.contains(exchange.getRequest().getPath().value());
        return delegate.resolveCsrfTokenValue(formPage ? exchange : new BodyUntouched(exchange), csrfToken);
    }

    /** An exchange whose form data reads as empty, so the body stays unread for the data system. */
    private static final class BodyUntouched extends ServerWebExchangeDecorator {

        BodyUntouched(ServerWebExchange exchange) {
            super(exchange);
        }

        @Override
        public Mono<MultiValueMap<String, String>> getFormData() {
            return Mono.just(new LinkedMultiValueMap<>());
        }
    }
}
