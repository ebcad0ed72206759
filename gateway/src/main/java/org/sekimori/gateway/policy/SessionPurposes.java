package org.sekimori.gateway.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Purpose;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A purpose of use chosen once for the session, per data system, for handlers (and browsers) who
 * work for one purpose all day: {@code PUT /api/session/purposes/<data system>} with
 * {@code {"purpose": "..."}} sets it, {@code DELETE} clears it. A {@code Sekimori-Purpose} header
 * on a request overrides it. The purpose is still decided per request like a stated one.
 */
@Configuration(proxyBeanMethods = false)
public class SessionPurposes {

    /** Session attribute: the chosen purpose of each data system. */
    static final String ATTRIBUTE = SessionPurposes.class.getName() + ".purposes";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final int MAX_BODY = 1024;

    /** The purpose chosen for {@code dataSystem} in this session, if any. */
    static Mono<Optional<String>> chosen(ServerWebExchange exchange, String dataSystem) {
        return exchange.getSession().map(session -> {
            Map<String, String> purposes = session.getAttribute(ATTRIBUTE);
            return Optional.ofNullable(purposes == null ? null : purposes.get(dataSystem));
        });
    }

    @Bean
    RouterFunction<ServerResponse> sessionPurposeRoutes(Ledger ledger, JsonResponses responses, JsonMapper json) {
        String path = "/api/session/purposes/{dataSystem}";
        return RouterFunctions
                .route(RequestPredicates.PUT(path), request -> choose(request, ledger, responses, json))
                .andRoute(RequestPredicates.DELETE(path), request -> request.session().flatMap(session -> {
                    Map<String, String> purposes = new HashMap<>(session.getAttributeOrDefault(ATTRIBUTE, Map.of()));
                    purposes.remove(request.pathVariable("dataSystem"));
                    session.getAttributes().put(ATTRIBUTE, Map.copyOf(purposes));
                    return ServerResponse.noContent().build();
                }));
    }

    private static Mono<ServerResponse> choose(ServerRequest request, Ledger ledger, JsonResponses responses,
            JsonMapper json) {
        ServerWebExchange exchange = request.exchange();
        Optional<DataSystem> dataSystem = ledger.dataSystem(request.pathVariable("dataSystem"));
        if (dataSystem.isEmpty()) {
            return responses.errorResponse(exchange, HttpStatus.NOT_FOUND, "No data system of that name is registered.");
        }
        if (!request.headers().contentType().map(MediaType.APPLICATION_JSON::equalsTypeAndSubtype).orElse(false)) {
            return responses.errorResponse(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send {\"purpose\": \"...\"} as application/json.");
        }
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            String purpose = purpose(body, json);
            DataSystem system = dataSystem.get();
            if (purpose == null || system.purpose(purpose).isEmpty()) {
                return responses.errorResponse(exchange, HttpStatus.BAD_REQUEST, "Send {\"purpose\": \"...\"} naming "
                        + "one of the purposes registered for '" + system.id() + "': " + String.join(", ",
                                system.purposes().stream().map(Purpose::id).toList()) + ".");
            }
            return request.session().flatMap(session -> {
                Map<String, String> purposes = new HashMap<>(session.getAttributeOrDefault(ATTRIBUTE, Map.of()));
                purposes.put(system.id(), purpose);
                session.getAttributes().put(ATTRIBUTE, Map.copyOf(purposes));
                return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("dataSystem", system.id(), "purpose", purpose));
            });
        });
    }

    /** The purpose named by a body of exactly {@code {"purpose": "<id>"}}, or null. */
    private static String purpose(byte[] body, JsonMapper json) {
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode purpose = node == null ? null : node.get("purpose");
            return node != null && node.isObject() && node.size() == 1 && purpose != null && purpose.isString()
                    && NAME.matcher(purpose.asString()).matches() ? purpose.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
