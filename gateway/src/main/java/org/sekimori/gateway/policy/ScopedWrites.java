package org.sekimori.gateway.policy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.filter.CorrelationIdFilter;
import org.sekimori.policy.RouteTable;
import org.sekimori.policy.mask.RecordScope;
import org.sekimori.policy.model.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
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
    private final WebClient client;

    public ScopedWrites(Map<String, URI> upstreams, DataSystemRouteTables routes, int maxBytes) {
        this.upstreams = upstreams;
        this.routes = routes;
        this.client = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxBytes))
                .build();
    }

    Mono<Verdict> check(String dataSystem, RouteTable.Found found, RecordScope scope, byte[] body,
            String correlationId) {
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
        return client.get().uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_ENCODING, "identity")
                .header(CorrelationIdFilter.HEADER, correlationId)
                .exchangeToMono(response -> response.statusCode().value() == HttpStatus.OK.value()
                        ? response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .map(current -> inScope(RecordValues.of(current, scope.item()), scope))
                        : response.releaseBody().thenReturn(Verdict.OUT_OF_SCOPE))
                .timeout(READ_TIMEOUT)
                .onErrorReturn(Verdict.UNVERIFIABLE);
    }

    private static Verdict inScope(List<String> current, RecordScope scope) {
        return !current.isEmpty() && current.stream().allMatch(scope::admits) ? Verdict.IN_SCOPE
                : Verdict.OUT_OF_SCOPE;
    }
}
