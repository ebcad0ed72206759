package org.sekimori.gateway.policy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.sekimori.gateway.route.DataSystemPaths;
import org.sekimori.gateway.route.DataSystemRoutes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.tls.HandlerAssertion;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Decision.Deny;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.PolicyEngine;
import org.sekimori.policy.Principal;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.RecordScope;
import org.sekimori.policy.model.Route;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Asks the access policy about every request to a data system before anything is sent upstream.
 * The action comes from the route the path matches, never from the client; a path or method the
 * data system's routes do not list is refused. A denied request gets a JSON error with the
 * reason's category and the decision id (the correlation id), never the rule's text.
 */
@Component
public class AccessPolicyFilter implements GlobalFilter, Ordered {

    /** The body of a DELETE: nothing written, but the record erased must be in scope all the same. */
    private static final byte[] NO_BODY = new byte[0];
    /** Names the sensitive items left out of an answer because the login had no second factor. */
    public static final String WITHHELD = "Sekimori-Withheld";

    private final PolicyEngine policy;
    private final DataSystemRouteTables routes;
    private final WriteBodies writes;
    private final ScopedWrites scopedWrites;
    private final JsonResponses responses;
    private final Denials denials;
    private final Clock clock;
    private final HandlerAssertion assertion;

    public AccessPolicyFilter(PolicyEngine policy, DataSystemRouteTables routes, WriteBodies writes,
            ScopedWrites scopedWrites, JsonResponses responses, Denials denials, Clock clock,
            HandlerAssertion assertion) {
        this.assertion = assertion;
        this.policy = policy;
        this.routes = routes;
        this.writes = writes;
        this.scopedWrites = scopedWrites;
        this.responses = responses;
        this.denials = denials;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        org.springframework.cloud.gateway.route.Route route = exchange.getAttribute(
                ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String dataSystem = route == null ? null : (String) route.getMetadata().get(DataSystemRoutes.DATA_SYSTEM);
        if (dataSystem == null) {
            return responses.error(exchange, HttpStatus.NOT_FOUND, "No data system is registered at this path.");
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value()
                .substring(DataSystemPaths.prefix(dataSystem).length());
        String method = exchange.getRequest().getMethod().name();
        RouteTable.Lookup lookup = routes.lookup(dataSystem, method, path);
        if (lookup instanceof RouteTable.MethodNotAllowed notAllowed) {
            exchange.getResponse().getHeaders().set("Allow", String.join(", ", notAllowed.allowed()));
            return responses.error(exchange, HttpStatus.METHOD_NOT_ALLOWED, "This path of data system '" + dataSystem
                    + "' takes " + String.join(", ", notAllowed.allowed()) + " only.");
        }
        if (!(lookup instanceof RouteTable.Found found)) {
            return responses.error(exchange, HttpStatus.NOT_FOUND, "Data system '" + dataSystem + "' has no such path "
                    + "through the gateway. Its routes: " + routes.describe(dataSystem) + ".");
        }
        exchange.getAttributes().put(ExchangeAttributes.DATA_SYSTEM_ROUTE, found);
        exchange.getAttributes().put(ExchangeAttributes.DATA_SYSTEM, dataSystem);
        Optional<Set<String>> itemsFiltered = found.route().itemsFiltered(
                exchange.getRequest().getQueryParams().keySet());
        if (itemsFiltered.isEmpty()) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, "This path takes no query parameter of that "
                    + "name; it takes " + (found.route().query().isEmpty() ? "none"
                            : String.join(", ", new TreeSet<>(found.route().query().keySet()))) + ".");
        }
        Set<String> filtered = itemsFiltered.get();
        StatedPurpose stated;
        try {
            stated = StatedPurpose.from(exchange.getRequest().getHeaders());
        } catch (StatedPurpose.Malformed e) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Mono<StatedPurpose> purpose = stated.purpose().isPresent() ? Mono.just(stated)
                : SessionPurposes.chosen(exchange, dataSystem).map(stated::orChosen);
        return purpose.flatMap(withPurpose -> exchange.getPrincipal().cast(Authentication.class)
                .map(authentication -> (AuthenticatedHandler) authentication.getPrincipal())
                .flatMap(handler -> decide(exchange, chain, dataSystem, found, withPurpose, handler, filtered)));
    }

    private Mono<Void> decide(ServerWebExchange exchange, GatewayFilterChain chain, String dataSystem,
            RouteTable.Found found, StatedPurpose stated, AuthenticatedHandler handler, Set<String> filtered) {
        Route route = found.route();
        if (!route.action().writes()) {
            return enforce(exchange, chain, request(exchange, dataSystem, found, stated, handler, Set.of(), filtered),
                    route.action() == Action.DELETE ? NO_BODY : null);
        }
        // Decided once before the body is read: written items can only add reasons to refuse, so a
        // handler refused anyway never makes the gateway buffer a body.
        if (policy.decide(request(exchange, dataSystem, found, stated, handler, Set.of(), filtered))
                instanceof Deny deny) {
            return denials.refuse(exchange, deny);
        }
        return writes.read(exchange).flatMap(body -> body.problem().isPresent()
                ? responses.error(exchange, body.problem().get().status(), body.problem().get().message())
                : enforce(body.exchange(), chain,
                        request(exchange, dataSystem, found, stated, handler, body.items(), filtered), body.body()));
    }

    private Mono<Void> enforce(ServerWebExchange exchange, GatewayFilterChain chain, AccessRequest request,
            byte[] writeBody) {
        Decision decision = policy.decide(request);
        if (decision instanceof Deny deny) {
            return denials.refuse(exchange, deny);
        }
        exchange.getAttributes().put(ExchangeAttributes.DECISION, decision);
        List<String> withheld = ((Permit) decision).withheld();
        if (!withheld.isEmpty()) {
            // Set as the answer goes out: the data system's own headers are filtered before then.
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> exchange.getResponse().getHeaders()
                    .set(WITHHELD, String.join(", ", withheld))));
        }
        RecordScope scope = ((Permit) decision).obligations().rows();
        if (writeBody == null || scope.everyRecord()) {
            return chain.filter(exchange);
        }
        RouteTable.Found found = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM_ROUTE);
        return scopedWrites.check(request.dataSystem(), found, scope, writeBody,
                ExchangeAttributes.correlationId(exchange), path -> assertion.of(exchange, "GET", path))
                .flatMap(verdict -> switch (verdict) {
                    case IN_SCOPE -> chain.filter(exchange);
                    case OUT_OF_SCOPE -> responses.error(exchange, HttpStatus.FORBIDDEN, "This write is refused: "
                            + "the record is, or would be, outside the records your access rights cover.",
                            Map.of("reason", "out-of-scope", "decisionId", ExchangeAttributes.correlationId(exchange)));
                    case UNVERIFIABLE -> responses.error(exchange, HttpStatus.BAD_GATEWAY, "This write is refused: "
                            + "the gateway could not read the record from the data system to check it is within "
                            + "the records your access rights cover.");
                });
    }

    private AccessRequest request(ServerWebExchange exchange, String dataSystem, RouteTable.Found found,
            StatedPurpose stated, AuthenticatedHandler handler, Set<String> itemsWritten, Set<String> filtered) {
        Map<String, Set<String>> attributes = new LinkedHashMap<>();
        handler.attributes().forEach((name, values) -> attributes.put(name, Set.copyOf(values)));
        Principal principal = new Principal(handler.userId(), Set.copyOf(handler.roles()), handler.mfa(), attributes);
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        AccessRequest request = new AccessRequest(principal, dataSystem, found.route().action(), stated.purpose(),
                stated.exception(), found.subject(), itemsWritten, filtered, remote.getAddress(), clock.instant());
        exchange.getAttributes().put(ExchangeAttributes.ACCESS_REQUEST, request);
        return request;
    }

    @Override
    public int getOrder() {
        return FilterOrder.ACCESS_POLICY;
    }
}
