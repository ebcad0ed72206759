package org.sekimori.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the one shape of error every client of the gateway gets:
 * {@code {"status":403,"error":"Forbidden","message":"...","correlationId":"..."}}. The message says
 * what to do; it never carries a stack trace, an internal class name or personal data.
 */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(
                () -> response.bufferFactory().wrap(json.writeValueAsBytes(body(exchange, status, message)))));
    }

    private static Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("correlationId", ExchangeAttributes.correlationId(exchange));
        return body;
    }
}
