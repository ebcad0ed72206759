package org.sekimori.gateway.security;

import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code {"userId": "...", "password": "..."}} from a script's login request. Only
 * {@code application/json} is accepted: a cross-site form cannot send it without the browser
 * asking first, which makes this endpoint safe from login CSRF without a token.
 */
class JsonCredentialsConverter implements ServerAuthenticationConverter {

    static final String SHAPE = "Send {\"userId\": \"...\", \"password\": \"...\"} as application/json.";
    private static final int MAX_BODY_BYTES = 4096;

    private final JsonMapper json;

    JsonCredentialsConverter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return Mono.error(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, SHAPE));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .onErrorMap(e -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                        "A login request has at most " + MAX_BODY_BYTES + " bytes. " + SHAPE))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        Authentication credentials = credentials(bytes);
                        exchange.getAttributes().put(ExchangeAttributes.TYPED_USER_ID, credentials.getName());
                        return credentials;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "The login request has no body. " + SHAPE)));
    }

    private Authentication credentials(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The login request is not valid JSON. " + SHAPE);
        }
        if (tree == null || !tree.isObject() || !tree.path("userId").isString() || !tree.path("password").isString()
                || tree.size() != 2) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The login request must have exactly the text fields userId and password. " + SHAPE);
        }
        return UsernamePasswordAuthenticationToken.unauthenticated(tree.get("userId").asString(),
                tree.get("password").asString());
    }
}
