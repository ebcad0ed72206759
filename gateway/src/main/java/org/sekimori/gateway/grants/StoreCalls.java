package org.sekimori.gateway.grants;

import java.sql.SQLException;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What the administration APIs need: the database off the event loop, the caller, the record's note. */
public final class StoreCalls {

    private StoreCalls() {
    }

    @FunctionalInterface
    public interface StoreCall<T> {
        T run() throws SQLException;
    }

    public static <T> Mono<T> blocking(StoreCall<T> call) {
        return Mono.fromCallable(() -> {
            try {
                return call.run();
            } catch (SQLException e) {
                throw new DirectoryStoreException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    public static Mono<String> caller(ServerRequest request) {
        return request.principal().cast(Authentication.class)
                .map(login -> ((AuthenticatedHandler) login.getPrincipal()).userId());
    }

    /** Names what was changed ({@code kind}: its id) and how in the access record of this HTTP request. */
    public static void note(ServerRequest request, String kind, String id, String change) {
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY, Map.of(kind, id, "change", change));
    }

    /** An answer in JSON that no cache keeps. */
    public static Mono<ServerResponse> ok(Object json) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(json);
    }
}
