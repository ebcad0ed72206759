package org.sekimori.gateway.audit;

import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision.Permit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Holds a permitted input, update or deletion until its record is durable, then forwards it. If
 * the record cannot be made durable the request fails with 503 and the data system never sees it.
 */
public class WriteForwardingFilter implements GlobalFilter, Ordered {

    private final AuditFilter audit;

    public WriteForwardingFilter(AuditFilter audit) {
        this.audit = audit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        AccessRequest request = exchange.getAttribute(ExchangeAttributes.ACCESS_REQUEST);
        boolean changesData = request != null && (request.action().writes() || request.action() == Action.DELETE);
        if (!changesData || !(exchange.getAttribute(ExchangeAttributes.DECISION) instanceof Permit)) {
            return chain.filter(exchange);
        }
        return audit.recordForwarding(exchange).then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return FilterOrder.WRITE_FORWARDING;
    }
}
