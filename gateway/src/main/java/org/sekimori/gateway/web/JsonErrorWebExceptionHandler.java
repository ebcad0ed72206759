package org.sekimori.gateway.web;

import io.netty.channel.unix.Errors.NativeIoException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.sekimori.gateway.audit.AuditFilter;
import org.sekimori.gateway.audit.AuditUnavailableException;
import org.sekimori.gateway.audit.StoreReadException;
import org.sekimori.gateway.grants.DirectoryStoreException;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.route.DataSystemPaths;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error that escapes a handler or filter becomes a JSON error with a precise status, never a
 * stack trace or framework page. A path no data system serves gets a 404 naming where the
 * registered ones are, and is never proxied.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class JsonErrorWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorWebExceptionHandler.class);

    private static final String UNREACHABLE = "The data system could not be reached or failed; try again later.";
    private static final String TIMED_OUT = "The data system did not answer in time; try again later.";
    private static final String UNVERIFIED = "The data system's identity could not be verified, or it refused the "
            + "gateway's: the request was not served. Tell your administrator.";

    private final JsonResponses responses;
    private final String notFound;

    public JsonErrorWebExceptionHandler(JsonResponses responses, Ledger ledger) {
        this.responses = responses;
        List<String> prefixes = ledger.dataSystems().stream().map(DataSystem::id).map(DataSystemPaths::prefix).toList();
        this.notFound = "No registered data system serves this path. Registered data systems are reached under "
                + String.join(", ", prefixes) + ".";
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            return responses.error(exchange, status == null ? HttpStatus.BAD_REQUEST : status, message(e.getStatusCode(), e));
        }
        if (causedBy(failure, SSLException.class)) {
            // The data system's certificate did not hold (host, dates, trust), or it refused the gateway's.
            exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, "upstream-tls");
            log.warn("TLS with a data system failed for request {}: {}", ExchangeAttributes.correlationId(exchange),
                    rootMessage(failure));
            return responses.error(exchange, HttpStatus.BAD_GATEWAY, UNVERIFIED);
        }
        if (failure instanceof ConnectException || failure instanceof PrematureCloseException
                || failure instanceof NativeIoException) {
            // Refused, or hung up on: e.g. a data system that does not accept the gateway's client certificate.
            return responses.error(exchange, HttpStatus.BAD_GATEWAY, UNREACHABLE);
        }
        if (failure instanceof TimeoutException) {
            return responses.error(exchange, HttpStatus.GATEWAY_TIMEOUT, TIMED_OUT);
        }
        if (failure instanceof AuditUnavailableException) {
            return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE, AuditFilter.UNAVAILABLE,
                    java.util.Map.of("reason", "audit-unavailable"));
        }
        if (failure instanceof StoreReadException) {
            log.error("The audit store could not be read for request {}: {}", ExchangeAttributes.correlationId(exchange),
                    failure.getMessage());
            return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The access records cannot be read now; try again shortly.");
        }
        if (failure instanceof DirectoryStoreException) {
            log.error("The grant requests' database failed for request {}: {}",
                    ExchangeAttributes.correlationId(exchange), failure.getMessage());
            return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE, "The grant requests cannot be reached "
                    + "now; try again shortly (a change either happened whole or not at all: look the request up).");
        }
        if (failure instanceof RejectedExecutionException) {
            // the bounded pool that checks passwords is full: a flood of logins, refused cheaply
            return responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Too many logins at once; try again shortly.");
        }
        // Only the class and correlation id: an exception message may quote request data.
        log.error("Unexpected failure {} for request {}", failure.getClass().getName(),
                ExchangeAttributes.correlationId(exchange));
        return responses.error(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle this request; give the correlation id to your administrator.");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: TLS alerts and certificate checks name no request data. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private String message(HttpStatusCode status, ResponseStatusException e) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return notFound;
        }
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return "This method is not allowed on this path.";
        }
        if (status.value() == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
            return "This content type is not accepted here; send application/json.";
        }
        if (status.is5xxServerError()) {
            return status.value() == HttpStatus.GATEWAY_TIMEOUT.value() ? TIMED_OUT : UNREACHABLE;
        }
        String reason = e.getReason();
        return reason == null || reason.isBlank() ? "The request was not accepted." : reason;
    }
}
