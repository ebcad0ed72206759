package org.sekimori.gateway.policy;

import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the body of a write (input or update) so the policy can see which data items it carries,
 * then hands the same bytes on upstream. Bounded: a body larger than the limit is refused, never
 * truncated.
 */
public final class WriteBodies {

    /** A write's body once read: the exchange to continue with and the items it writes, or why it was refused. */
    record WriteBody(ServerWebExchange exchange, Set<String> items, byte[] body, Optional<Problem> problem) {

        static WriteBody refused(ServerWebExchange exchange, HttpStatus status, String message) {
            return new WriteBody(exchange, Set.of(), new byte[0], Optional.of(new Problem(status, message)));
        }
    }

    record Problem(HttpStatus status, String message) {
    }

    private final int maxBytes;

    public WriteBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Mono<WriteBody> read(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        MediaType type = headers.getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return Mono.just(WriteBody.refused(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the record as Content-Type: application/json."));
        }
        if (headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
            return Mono.just(WriteBody.refused(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the record uncompressed (no Content-Encoding)."));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(Bodies::bytes)
                .defaultIfEmpty(new byte[0])
                .map(body -> parsed(exchange, body))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(WriteBody.refused(exchange,
                        HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + maxBytes + " bytes.")));
    }

    private static WriteBody parsed(ServerWebExchange exchange, byte[] body) {
        try {
            Set<String> items = WrittenItems.of(body);
            ServerHttpRequest replay = replaying(exchange.getRequest(), exchange.getResponse().bufferFactory(), body);
            return new WriteBody(exchange.mutate().request(replay).build(), items, body, Optional.empty());
        } catch (WrittenItems.Unreadable e) {
            return WriteBody.refused(exchange, HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ServerHttpRequest replaying(ServerHttpRequest request, DataBufferFactory buffers, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.putAll(super.getHeaders());
                headers.remove("Transfer-Encoding");
                headers.setContentLength(body.length);
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(buffers.wrap(body)));
            }
        };
    }
}
