package org.sekimori.gateway.tls;

import java.util.List;
import org.sekimori.gateway.route.DataSystemRoutes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing, with the HTTP client of the data system a route belongs to. It
 * runs just before the gateway's own routing filter (which then finds the request routed and
 * passes it by); that one stays, since the filter writing the answer back depends on it.
 */
final class UpstreamTlsRoutingFilter extends NettyRoutingFilter {

    private final UpstreamTls upstreams;

    UpstreamTlsRoutingFilter(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties, UpstreamTls upstreams) {
        super(httpClient, headersFilters, properties);
        this.upstreams = upstreams;
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Object dataSystem = route.getMetadata().get(DataSystemRoutes.DATA_SYSTEM);
        return upstreams.client(dataSystem instanceof String id ? id : null)
                .orElseGet(() -> super.getHttpClient(route, exchange));
    }
}
