package org.sekimori.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON object a request sends: only {@code application/json} (a cross-site form
 * cannot send it without a CORS preflight), of a bounded size; a login step's at most 4 KiB, text
 * members only, each one named. Every way it can be wrong is a 4xx that says what to send instead.
 */
public final class SmallJsonBody {

    private static final int MAX_BODY_BYTES = 4096;

    private final JsonMapper json;

    public SmallJsonBody(JsonMapper json) {
        this.json = json;
    }

    /**
     * The text members of the body; {@code allowed} are the names it may have, {@code shape} tells
     * the client what to send.
     */
    public Mono<Map<String, String>> read(ServerWebExchange exchange, Set<String> allowed, String shape) {
        return object(exchange, MAX_BODY_BYTES, shape).map(tree -> members(tree, allowed, shape));
    }

    /** The body as one JSON object of at most {@code maxBytes}; {@code shape} tells the client what to send. */
    public Mono<JsonNode> object(ServerWebExchange exchange, int maxBytes, String shape) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return Mono.error(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, shape));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .onErrorMap(e -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                        "The request has at most " + maxBytes + " bytes. " + shape))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return tree(bytes, shape);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "The request has no body. " + shape)));
    }

    private JsonNode tree(byte[] body, String shape) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request is not valid JSON. " + shape);
        }
        if (tree == null || !tree.isObject()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request must be a JSON object. " + shape);
        }
        return tree;
    }

    private static Map<String, String> members(JsonNode tree, Set<String> allowed, String shape) {
        Map<String, String> members = new LinkedHashMap<>();
        for (String name : tree.propertyNames()) {
            if (!allowed.contains(name) || !tree.get(name).isString()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "The request may have only the text fields " + String.join(", ", allowed.stream().sorted()
                                .toList()) + ". " + shape);
            }
            members.put(name, tree.get(name).asString());
        }
        return members;
    }
}
