package org.sekimori.gateway.grants;

import java.sql.SQLException;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What both grant request APIs need: the database off the event loop, the caller, the record's note. */
final class StoreCalls {

    private StoreCalls() {
    }

    @FunctionalInterface
    interface StoreCall<T> {
        T run() throws SQLException;
    }

    static <T> Mono<T> blocking(StoreCall<T> call) {
        return Mono.fromCallable(() -> {
            try {
                return call.run();
            } catch (SQLException e) {
                throw new GrantStoreException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static Mono<String> caller(ServerRequest request) {
        return request.principal().cast(Authentication.class)
                .map(login -> ((AuthenticatedHandler) login.getPrincipal()).userId());
    }

    /** Names the request and what was asked of it in the access record of this HTTP request. */
    static void note(ServerRequest request, String id, String change) {
        request.exchange().getAttributes().put(ExchangeAttributes.AUDIT_QUERY,
                Map.of("grantRequest", id, "change", change));
    }
}
