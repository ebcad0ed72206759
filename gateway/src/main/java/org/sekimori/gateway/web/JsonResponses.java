package org.sekimori.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own JSON answers, never cached. Errors all have one shape:
 * {@code {"status":403,"error":"Forbidden","message":"...","correlationId":"..."}}; the message says
 * what to do and never carries a stack trace, an internal class name or personal data.
 */
@Component
public class JsonResponses {

    private final JsonMapper json;

    public JsonResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> error(ServerWebExchange exchange, HttpStatus status, String message) {
        return json(exchange, status, errorBody(exchange, status, message));
    }

    /** An error with more members after the usual ones, such as a decision's reason. */
    public Mono<Void> error(ServerWebExchange exchange, HttpStatus status, String message, Map<String, ?> details) {
        Map<String, Object> body = errorBody(exchange, status, message);
        body.putAll(details);
        return json(exchange, status, body);
    }

    public Mono<Void> json(ServerWebExchange exchange, HttpStatus status, Object body) {
        return json(exchange.getResponse(), status, body);
    }

    /**
     * An error written to {@code response} rather than the exchange's own, for filters that wrap the
     * response and answer in place of what the upstream sent.
     */
    public Mono<Void> error(ServerWebExchange exchange, ServerHttpResponse response, HttpStatus status,
            String message) {
        return error(exchange, response, status, message, Map.of());
    }

    /** {@link #error(ServerWebExchange, ServerHttpResponse, HttpStatus, String)} with more members. */
    public Mono<Void> error(ServerWebExchange exchange, ServerHttpResponse response, HttpStatus status,
            String message, Map<String, ?> details) {
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().remove("Transfer-Encoding");
        response.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
        response.getHeaders().remove(HttpHeaders.CONTENT_DISPOSITION);
        Map<String, Object> body = errorBody(exchange, status, message);
        body.putAll(details);
        return json(response, status, body);
    }

    private Mono<Void> json(ServerHttpResponse response, HttpStatus status, Object body) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }

    /** An error as a functional endpoint's answer, in the same shape. */
    public Mono<ServerResponse> errorResponse(ServerWebExchange exchange, HttpStatus status, String message) {
        return errorResponse(exchange, status, message, Map.of());
    }

    /** {@link #errorResponse(ServerWebExchange, HttpStatus, String)} with more members, such as every error found. */
    public Mono<ServerResponse> errorResponse(ServerWebExchange exchange, HttpStatus status, String message,
            Map<String, ?> details) {
        Map<String, Object> body = errorBody(exchange, status, message);
        body.putAll(details);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(body);
    }

    private static Map<String, Object> errorBody(ServerWebExchange exchange, HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("correlationId", ExchangeAttributes.correlationId(exchange));
        return body;
    }
}
