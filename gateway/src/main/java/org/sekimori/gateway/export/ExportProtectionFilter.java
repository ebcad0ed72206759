package org.sekimori.gateway.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Publisher;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.filter.FilterOrder;
import org.sekimori.gateway.policy.Bodies;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Records leave through export and provide routes only encrypted: for the registered recipient a
 * request names in {@value #RECIPIENT} (a provision must name one), or otherwise for a new random
 * password, shown once to the handler at {@code POST /api/exports/<decision id>/password} and never
 * sent beside the file. A recipient receives only records of the data systems and purposes it is
 * registered for. Wraps the response outside the masking, so what it encrypts is what the handler
 * may see; an answer that cannot be encrypted is not passed on at all. Encryption (its password
 * key derivation is slow by design) runs on a small pool of its own, which refuses work beyond its
 * queue with 503 rather than starving the rest of the gateway.
 */
final class ExportProtectionFilter implements GlobalFilter, Ordered {

    /** Names the registered recipient an export or provision is encrypted for. */
    static final String RECIPIENT = "Sekimori-Recipient";
    /** The random id of an encrypted export: where its password is picked up. */
    static final String EXPORT_ID = "Sekimori-Export-Id";

    private static final Logger LOG = LoggerFactory.getLogger(ExportProtectionFilter.class);

    private final ExportRecipients recipients;
    private final ExportSealing sealing;
    private final ExportPasswords passwords;
    private final JsonResponses responses;
    private final Scheduler encryption;

    ExportProtectionFilter(ExportRecipients recipients, ExportSealing sealing, ExportPasswords passwords,
            JsonResponses responses, Scheduler encryption) {
        this.recipients = recipients;
        this.sealing = sealing;
        this.passwords = passwords;
        this.responses = responses;
        this.encryption = encryption;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RouteTable.Found found = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM_ROUTE);
        Action action = found == null ? null : found.route().action();
        if (action != Action.EXPORT && action != Action.PROVIDE) {
            return chain.filter(exchange);
        }
        List<String> named = exchange.getRequest().getHeaders().getOrEmpty(RECIPIENT);
        if (named.size() > 1) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, "Name one recipient in " + RECIPIENT + ".");
        }
        if (named.isEmpty() && action == Action.PROVIDE) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, "A provision goes to a registered recipient, "
                    + "whose key the records are encrypted for: name it in " + RECIPIENT + " (" + recipients.describe()
                    + ").");
        }
        Optional<ExportRecipients.Registered> recipient = named.stream().findFirst().flatMap(recipients::find);
        if (!named.isEmpty() && recipient.isEmpty()) {
            return responses.error(exchange, HttpStatus.BAD_REQUEST, "No recipient of that name is registered ("
                    + recipients.describe() + ").");
        }
        Permit permit = exchange.getAttribute(ExchangeAttributes.DECISION);
        String dataSystem = exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM);
        if (recipient.isPresent() && !recipient.get().receives(dataSystem, permit.obligations().purpose())) {
            return responses.error(exchange, HttpStatus.FORBIDDEN, "This recipient is not registered to receive "
                    + "records of this data system for this purpose.", Map.of("reason", "recipient-not-registered",
                            "decisionId", ExchangeAttributes.correlationId(exchange)));
        }
        AuthenticatedHandler handler = exchange.getAttribute(ExchangeAttributes.HANDLER);
        if (recipient.isEmpty() && !passwords.hasRoom(handler.userId())) {
            return tooManyPasswords(exchange, exchange.getResponse());
        }
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponseDecorator encrypting = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return encrypt(exchange, getDelegate(), Flux.from(body), recipient, handler);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(part -> part));
            }
        };
        return chain.filter(exchange.mutate().response(encrypting).build());
    }

    private Mono<Void> encrypt(ServerWebExchange exchange, ServerHttpResponse response,
            Flux<? extends DataBuffer> body, Optional<ExportRecipients.Registered> recipient,
            AuthenticatedHandler handler) {
        HttpStatusCode status = response.getStatusCode();
        if (status != null && !status.is2xxSuccessful()) {
            return response.writeWith(body); // the gateway's own error, or the data system's complaint
        }
        String exportId = UUID.randomUUID().toString(); // from SecureRandom: the id a password is found by
        String fileName = fileName(response.getHeaders(), exchange.getAttribute(ExchangeAttributes.DATA_SYSTEM));
        return DataBufferUtils.join(body)
                .map(Bodies::bytes)
                .defaultIfEmpty(new byte[0])
                // Password-based key derivation is deliberately slow: never on the event loop.
                .publishOn(encryption)
                .map(plain -> recipient.isPresent() ? sealing.forRecipient(exportId, recipient.get(), plain, fileName)
                        : sealing.forNewPassword(exportId, plain, fileName, password -> passwords.hold(exportId,
                                handler.userId(), password)))
                .flatMap(sealed -> {
                    exchange.getAttributes().put(ExchangeAttributes.EXPORT_PROTECTION, sealed.protection());
                    HttpHeaders headers = response.getHeaders();
                    headers.setContentType(MediaType.parseMediaType(sealed.mediaType()));
                    headers.setContentLength(sealed.file().length);
                    headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName
                            + sealed.fileExtension() + "\"");
                    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                    headers.set(EXPORT_ID, exportId);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(sealed.file())));
                })
                .onErrorResume(ExportSealing.NoRoom.class, e -> tooManyPasswords(exchange, response))
                .onErrorResume(RejectedExecutionException.class, e -> responses.error(exchange, response,
                        HttpStatus.SERVICE_UNAVAILABLE, "Too many exports are being encrypted right now; try again "
                                + "in a minute."))
                .onErrorResume(ExportSealing.Failed.class, e -> {
                    LOG.error("An export could not be encrypted and was not passed on: {}", e.getMessage());
                    return responses.error(exchange, response, HttpStatus.INTERNAL_SERVER_ERROR, "The records could "
                            + "not be encrypted, so they are not passed on. Tell the gateway's operator.");
                });
    }

    private Mono<Void> tooManyPasswords(ServerWebExchange exchange, ServerHttpResponse response) {
        return responses.error(exchange, response, HttpStatus.TOO_MANY_REQUESTS, "Too many export passwords wait to "
                + "be picked up; pick them up (POST /api/exports/<id>/password) or wait " + passwords.pickup().toMinutes()
                + " minutes, then export again.");
    }

    /** The name the masking gave the file (never the data system's: it could carry an identifier). */
    private static String fileName(HttpHeaders headers, String dataSystem) {
        String disposition = headers.getFirst(HttpHeaders.CONTENT_DISPOSITION);
        String name = disposition == null ? null : ContentDisposition.parse(disposition).getFilename();
        return name == null ? dataSystem + "-export.json" : name;
    }

    @Override
    public int getOrder() {
        return FilterOrder.EXPORT_PROTECTION;
    }
}
