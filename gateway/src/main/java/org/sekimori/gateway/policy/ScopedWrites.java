package org.sekimori.gateway.policy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sekimori.gateway.filter.CorrelationIdFilter;
import org.sekimori.gateway.tls.HandlerAssertion;
import org.sekimori.gateway.tls.UpstreamTls;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.RecordScope;
import org.sekimori.policy.model.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * Keeps a handler whose grant covers only some records (a nurse's district) from writing outside
 * them. Masking can withhold what a write returns, but by then the data system has changed the
 * record; so before a scoped write is sent, the record as it stands is read from the data system
 * and must be in scope, and the write must not move it out of scope (or a record in from outside).
 */
public final class ScopedWrites {

    /** Why a scoped write was refused, or that it may go. */
    enum Verdict { IN_SCOPE, OUT_OF_SCOPE, UNVERIFIABLE }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, URI> upstreams;
    private final DataSystemRouteTables routes;
    private final UpstreamTls tls;
    private final int maxBytes;

    public ScopedWrites(Map<String, URI> upstreams, DataSystemRouteTables routes, int maxBytes, UpstreamTls tls) {
        this.upstreams = upstreams;
        this.routes = routes;
        this.maxBytes = maxBytes;
        this.tls = tls;
    }

    /**
     * Whether the write stays within the scope; the record as it stands is read from the data
     * system as any request to it is, over its TLS and with the handler's assertion for that read.
     */
    Mono<Verdict> check(String dataSystem, RouteTable.Found found, RecordScope scope, byte[] body,
            String correlationId, Function<String, Optional<String>> assertionForRead) {
        List<String> written = body.length == 0 ? List.of() : RecordValues.of(body, scope.item());
        if (!written.stream().allMatch(scope::admits)) {
            return Mono.just(Verdict.OUT_OF_SCOPE);
        }
        if (found.subject().isEmpty()) {
            // A new record: it is in scope only if the write says so.
            return Mono.just(written.isEmpty() ? Verdict.OUT_OF_SCOPE : Verdict.IN_SCOPE);
        }
        Route route = found.route();
        if (!routes.readable(dataSystem, route.template())) {
            return Mono.just(Verdict.UNVERIFIABLE);
        }
        URI uri = URI.create(upstreams.get(dataSystem).toString().replaceAll("/+$", "")
                + route.template().replace(Route.SUBJECT, found.subject().get()));
        return tls.webClientFor(dataSystem, maxBytes).get().uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_ENCODING, "identity")
                .header(CorrelationIdFilter.HEADER, correlationId)
                .headers(headers -> assertionForRead.apply(uri.getRawPath())
                        .ifPresent(signed -> headers.set(HandlerAssertion.HEADER, signed)))
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status == HttpStatus.OK.value()) {
                        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .map(current -> inScope(RecordValues.of(current, scope.item()), scope));
                    }
                    // No such record: the write cannot be in scope. Anything else says nothing of it.
                    return response.releaseBody().thenReturn(status == HttpStatus.NOT_FOUND.value()
                            ? Verdict.OUT_OF_SCOPE : Verdict.UNVERIFIABLE);
                })
                .timeout(READ_TIMEOUT)
                .onErrorReturn(Verdict.UNVERIFIABLE);
    }


    private static Verdict inScope(List<String> current, RecordScope scope) {
        return !current.isEmpty() && current.stream().allMatch(scope::admits) ? Verdict.IN_SCOPE
                : Verdict.OUT_OF_SCOPE;
    }
}
