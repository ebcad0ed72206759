package org.sekimori.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.sekimori.gateway.route.DataSystemPaths;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.CsrfTokens;
import org.sekimori.gateway.security.JsonLoginResponses;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/** The gateway's own pages: who is logged in, where the data systems are, and the API's description. */
@Configuration(proxyBeanMethods = false)
public class SessionEndpoints {

    @Bean
    RouterFunction<ServerResponse> openApiRoutes() {
        return new OpenApiEndpoint().routes();
    }

    @Bean
    RouterFunction<ServerResponse> sessionRoutes(JsonLoginResponses jsonLogin, Ledger ledger,
            org.sekimori.gateway.external.OidcBrowserLogin sso) {
        return RouterFunctions
                .route(GET("/api/session"), request -> request.exchange().getPrincipal().cast(Authentication.class)
                        .flatMap(login -> jsonLogin.sessionBody(request.exchange(), login.getPrincipal()))
                        .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(body)))
                .andRoute(GET("/login"), request -> CsrfTokens.of(request.exchange())
                        .flatMap(csrf -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .bodyValue(LoginPage.render(csrf, request.queryParam("error").isPresent(),
                                        request.queryParam("logout").isPresent(), sso.label()))))
                .andRoute(GET("/"), request -> handler(request.exchange().getPrincipal())
                        .zipWith(CsrfTokens.of(request.exchange()))
                        .flatMap(page -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .bodyValue(homePage(page.getT1(), page.getT2(), ledger))));
    }

    private static Mono<AuthenticatedHandler> handler(Mono<? extends java.security.Principal> principal) {
        return principal.cast(Authentication.class).map(auth -> (AuthenticatedHandler) auth.getPrincipal());
    }

    private static String homePage(AuthenticatedHandler handler, String csrfToken, Ledger ledger) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sekimori</title></head><body><h1>Sekimori</h1><p>Logged in as ")
                .append(HtmlUtils.htmlEscape(handler.displayName())).append(" (")
                .append(HtmlUtils.htmlEscape(handler.userId())).append("), roles: ")
                .append(HtmlUtils.htmlEscape(String.join(", ", handler.roles()))).append(".</p><h2>Data systems</h2><ul>");
        for (DataSystem dataSystem : ledger.dataSystems()) {
            html.append("<li><code>").append(DataSystemPaths.prefix(dataSystem.id())).append("</code> — ")
                    .append(HtmlUtils.htmlEscape(dataSystem.name())).append("</li>");
        }
        return html.append("</ul><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"")
                .append(HtmlUtils.htmlEscape(csrfToken)).append("\"><button>Log out</button></form></body></html>")
                .toString();
    }
}
