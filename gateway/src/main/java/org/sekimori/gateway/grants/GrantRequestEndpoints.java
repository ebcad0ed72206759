package org.sekimori.gateway.grants;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sekimori.gateway.changes.AdministrationRoles;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Directory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The handlers' side of grant requests, at {@value #REQUESTS}: ask for access (a data system,
 * actions, purposes, data items, a last day, a reason), see one's own requests, withdraw one still
 * pending. A request gives nothing until an administrator other than its requester approves it.
 */
final class GrantRequestEndpoints {

    static final String REQUESTS = "/api/grant-requests";
    /** Forms are small; a reason of 2,000 Japanese characters is about 6 KB. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final GrantRequestStore store;
    private final GrantRequestSync sync;
    private final TermsReader terms;
    private final CurrentPolicy policy;
    private final Directory directory;
    private final SmallJsonBody body;
    private final JsonResponses responses;
    private final Clock clock;

    GrantRequestEndpoints(GrantRequestStore store, GrantRequestSync sync, TermsReader terms, CurrentPolicy policy,
            Directory directory, SmallJsonBody body, JsonResponses responses, Clock clock) {
        this.store = store;
        this.sync = sync;
        this.terms = terms;
        this.policy = policy;
        this.directory = directory;
        this.body = body;
        this.responses = responses;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(POST(REQUESTS), this::create)
                .andRoute(GET(REQUESTS), this::own)
                .andRoute(GET(REQUESTS + "/{id}"), this::one)
                .andRoute(POST(REQUESTS + "/{id}/withdraw"), this::withdraw);
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        return request.principal().cast(Authentication.class)
                .map(login -> (AuthenticatedHandler) login.getPrincipal())
                // Those who administer or audit see no personal data, so never ask for it.
                .flatMap(handler -> AdministrationRoles.heldAmong(handler.roles())
                        ? responses.errorResponse(request.exchange(), HttpStatus.FORBIDDEN, "Administrators and "
                                + "auditors see no personal data and ask for no access to it; a handler asks with "
                                + "their own account.")
                        : create(request, handler.userId()));
    }

    private Mono<ServerResponse> create(ServerRequest request, String requester) {
        return body.object(request.exchange(), MAX_BODY_BYTES, TermsReader.SHAPE).flatMap(form -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, policy.zone());
            TermsReader.Result read = terms.read(form, directory.handler(requester), today);
            if (read instanceof TermsReader.Invalid invalid) {
                int count = invalid.errors().size();
                return responses.errorResponse(request.exchange(), HttpStatus.BAD_REQUEST, "The grant request "
                        + "has " + count + (count == 1 ? " error" : " errors") + "; nothing was stored.",
                        Map.of("errors", invalid.errors()));
            }
            return store(request, requester, ((TermsReader.Valid) read).terms(), now);
        });
    }

    private Mono<ServerResponse> store(ServerRequest request, String requester, RequestedTerms asked, Instant now) {
        GrantRequest created = new GrantRequest(UUID.randomUUID().toString(), requester, asked,
                asked.lastDay().plusDays(1).atStartOfDay(policy.zone()).toInstant(), GrantRequestState.PENDING, now,
                Optional.empty(), Optional.empty());
        StoreCalls.note(request, "grantRequest", created.id(), "requested");
        return StoreCalls.blocking(() -> {
            store.create(created);
            sync.changed();
            return created;
        }).flatMap(stored -> ServerResponse.created(URI.create(REQUESTS + "/" + stored.id()))
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(GrantRequestJson.of(stored)));
    }

    private Mono<ServerResponse> own(ServerRequest request) {
        return StoreCalls.caller(request).flatMap(requester -> StoreCalls.blocking(() -> store.list(
                Optional.of(requester), Optional.empty())))
                .flatMap(found -> StoreCalls.ok(GrantRequestJson.list(found)));
    }

    private Mono<ServerResponse> one(ServerRequest request) {
        String id = request.pathVariable("id");
        return StoreCalls.caller(request).flatMap(requester -> StoreCalls.blocking(() -> store.find(id)
                .filter(found -> found.requester().equals(requester))))
                .flatMap(found -> found.map(own -> StoreCalls.ok(GrantRequestJson.of(own)))
                        .orElseGet(() -> notFound(request)));
    }

    private Mono<ServerResponse> withdraw(ServerRequest request) {
        String id = request.pathVariable("id");
        StoreCalls.note(request, "grantRequest", id, "withdraw");
        return StoreCalls.caller(request).flatMap(requester -> StoreCalls.blocking(() -> {
            GrantRequestStore.Moved moved = store.move(id, GrantRequestState.PENDING, GrantRequestState.WITHDRAWN,
                    GrantRequestStore.Mover.REQUESTER, requester, null, clock.instant());
            if (moved instanceof GrantRequestStore.Done) {
                sync.changed();
            }
            return moved;
        }).flatMap(moved -> {
            if (moved instanceof GrantRequestStore.Done done) {
                return StoreCalls.ok(GrantRequestJson.of(done.request()));
            }
            return ((GrantRequestStore.Refused) moved).now().filter(now -> now.requester().equals(requester))
                    .map(now -> responses.errorResponse(request.exchange(), HttpStatus.CONFLICT, "This request is "
                            + now.state().label() + ", no longer pending: there is nothing to withdraw."))
                    .orElseGet(() -> notFound(request));
        }));
    }

    private Mono<ServerResponse> notFound(ServerRequest request) {
        return responses.errorResponse(request.exchange(), HttpStatus.NOT_FOUND,
                "You have no grant request with this id.");
    }
}
