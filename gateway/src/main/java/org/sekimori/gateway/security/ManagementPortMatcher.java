package org.sekimori.gateway.security;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Matches requests for the actuator endpoints ({@code /actuator/...}) that arrived on the
 * management server's own port (health and metrics, bound to loopback). Learns the port when that server starts, so a random port works too; until then,
 * and when management shares the gateway's port, it matches nothing, so the endpoints then need a
 * login like everything else.
 *
 * <p>Spring Boot's {@code EndpointRequest} matcher answers the same question by loading classes
 * and matching patterns on every request; this compares one number.
 */
@Component
public class ManagementPortMatcher implements ServerWebExchangeMatcher, ApplicationListener<WebServerInitializedEvent> {

    private static final String MANAGEMENT_NAMESPACE = "management";
    private static final String ENDPOINTS = "/actuator/";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        boolean endpoint = local != null && local.getPort() == port
                && exchange.getRequest().getPath().value().startsWith(ENDPOINTS);
        return endpoint ? MatchResult.match() : MatchResult.notMatch();
    }
}
