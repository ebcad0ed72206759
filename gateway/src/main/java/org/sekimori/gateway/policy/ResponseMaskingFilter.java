package org.sekimori.gateway.policy;

import java.util.Map;
import org.reactivestreams.Publisher;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.BodyMasker;
import org.sekimori.policy.mask.BodyShape;
import org.sekimori.policy.mask.MaskedBody;
import org.sekimori.policy.mask.Pseudonymiser;
import org.sekimori.policy.mask.UnmaskableBodyException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a permit's obligations to what the data system answers, before any of it reaches the
 * client. The body is read whole (up to a limit) and masked by the route's body shape; a body that
 * is too large, of the wrong type, or cannot be parsed is never passed through: the client gets
 * 502. A single record withheld (its subject's use stopped, or outside the handler's scope) is
 * answered with 403.
 */
@Component
public class ResponseMaskingFilter implements GlobalFilter, Ordered {

    private final Pseudonymiser pseudonymiser;
    private final JsonResponses responses;
    private final int maxBytes;

    public ResponseMaskingFilter(Pseudonymiser pseudonymiser, JsonResponses responses,
            org.sekimori.gateway.config.SekimoriProperties properties) {
        this.pseudonymiser = pseudonymiser;
        this.responses = responses;
        this.maxBytes = (int) properties.maxMaskedBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Permit permit = exchange.getAttribute(ExchangeAttributes.DECISION);
        RouteTable.Found found = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM_ROUTE);
        if (permit == null || found == null) {
            // The access policy filter runs first and stops every request it does not permit.
            return responses.error(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "No access decision was made.");
        }
        BodyShape shape = found.route().response();
        boolean leaves = found.route().action() == Action.EXPORT || found.route().action() == Action.PROVIDE;
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponseDecorator masking = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return answer(exchange, getDelegate(), Flux.from(body), permit, shape, leaves);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(part -> part));
            }
        };
        return chain.filter(exchange.mutate().response(masking).build());
    }

    private Mono<Void> answer(ServerWebExchange exchange, ServerHttpResponse response, Flux<? extends DataBuffer> body,
            Permit permit, BodyShape shape, boolean leaves) {
        HttpStatusCode status = response.getStatusCode();
        if (status != null && status.is4xxClientError() && !leaves) {
            // The data system's own complaint about the handler's request; it echoes what they sent.
            return response.writeWith(body);
        }
        if (status != null && status.is4xxClientError()) {
            // On a route whose records leave, nothing of the data system's goes out unencrypted.
            return drain(body).then(responses.error(exchange, response, HttpStatus.valueOf(status.value()),
                    "The data system refused this export (status " + status.value() + "); its answer is not "
                            + "passed on, since records leave only encrypted. Check the query and try again."));
        }
        if (status == null || !status.is2xxSuccessful()) {
            return drain(body).then(responses.error(exchange, response, HttpStatus.BAD_GATEWAY,
                    "The data system failed to answer (status " + (status == null ? "none" : status.value()) + ")."));
        }
        if (shape == BodyShape.NONE) {
            response.getHeaders().setContentLength(0);
            return drain(body).then(response.setComplete());
        }
        String problem = contentTypeProblem(response.getHeaders().getContentType(), shape);
        if (problem != null) {
            return drain(body).then(responses.error(exchange, response, HttpStatus.BAD_GATEWAY, problem));
        }
        return DataBufferUtils.join(body, maxBytes)
                .map(Bodies::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> mask(exchange, response, bytes, permit, shape))
                .onErrorResume(DataBufferLimitException.class, e -> responses.error(exchange, response,
                        HttpStatus.BAD_GATEWAY, "The data system's answer is larger than " + maxBytes
                                + " bytes, too large to mask; ask for a smaller page."));
    }

    private Mono<Void> mask(ServerWebExchange exchange, ServerHttpResponse response, byte[] upstream, Permit permit,
            BodyShape shape) {
        MaskedBody masked;
        try {
            byte[] plain = ContentDecoding.decode(response.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING),
                    upstream, maxBytes);
            masked = BodyMasker.of(permit.obligations(), pseudonymiser, shape).mask(plain);
        } catch (ContentDecoding.Refused e) {
            return responses.error(exchange, response, HttpStatus.BAD_GATEWAY, e.getMessage());
        } catch (UnmaskableBodyException e) {
            return responses.error(exchange, response, HttpStatus.BAD_GATEWAY,
                    "The data system's answer cannot be masked, so it is not passed on: " + e.getMessage());
        }
        exchange.getAttributes().put(ExchangeAttributes.MASK_REPORT, masked.report());
        if (shape == BodyShape.RECORD && masked.report().recordsReturned() == 0) {
            return responses.error(exchange, response, HttpStatus.FORBIDDEN, "This record is withheld from you: "
                    + "it is outside the records your access rights cover, or its subject's data use is stopped.",
                    Map.of("reason", "withheld", "decisionId", ExchangeAttributes.correlationId(exchange)));
        }
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove("Transfer-Encoding");
        headers.remove(HttpHeaders.ETAG);
        headers.setContentLength(masked.body().length);
        if (shape == BodyShape.CSV) {
            // The gateway names the file: the data system's name for it could carry an identifier.
            headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                    + permit.obligations().dataSystem() + "-export.csv\"");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(masked.body())));
    }

    private static String contentTypeProblem(MediaType type, BodyShape shape) {
        boolean csv = shape == BodyShape.CSV;
        boolean fits = type != null && (csv ? "text".equals(type.getType()) && "csv".equals(type.getSubtype())
                : MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
        return fits ? null : "The data system answered with " + (type == null ? "no content type" : type.toString())
                + " where " + (csv ? "text/csv" : "JSON") + " was expected, so the answer is not passed on.";
    }

    private static Mono<Void> drain(Flux<? extends DataBuffer> body) {
        return body.doOnNext(DataBufferUtils::release).then();
    }

    @Override
    public int getOrder() {
        return FilterOrder.RESPONSE_MASKING;
    }
}
