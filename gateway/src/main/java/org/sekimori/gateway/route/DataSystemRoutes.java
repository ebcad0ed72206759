package org.sekimori.gateway.route;

import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per data system in the ledger, and no other: a path that belongs to no registered
 * data system matches no route and is refused (deny by default).
 */
@Configuration(proxyBeanMethods = false)
public class DataSystemRoutes {

    /** Route metadata key holding the ledger id of the data system a route belongs to. */
    public static final String DATA_SYSTEM = "sekimori.dataSystem";

    @Bean
    RouteLocator dataSystemRouteLocator(RouteLocatorBuilder builder, Ledger ledger, SekimoriProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (DataSystem dataSystem : ledger.dataSystems()) {
            String prefix = DataSystemPaths.prefix(dataSystem.id());
            routes.route(dataSystem.id(), route -> route.path(prefix, prefix + "/**")
                    .filters(filters -> filters.stripPrefix(DataSystemPaths.PREFIX_SEGMENTS))
                    .metadata(DATA_SYSTEM, dataSystem.id())
                    .uri(properties.upstreams().get(dataSystem.id())));
        }
        return routes.build();
    }
}
