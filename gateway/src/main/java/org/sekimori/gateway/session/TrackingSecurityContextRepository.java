package org.sekimori.gateway.session;

import java.util.Optional;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Logins live in the server-side session, whose id changes at every login step (so a planted
 * session cannot be taken over). Every completed login, whichever way it was made, is saved
 * here, which is where {@link HandlerSessions} learns of it; a logout saves an empty context.
 * A step taken in a complete session (a password change, an enrolment) continues its login: the
 * absolute timeout still counts from the first.
 */
public final class TrackingSecurityContextRepository implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final HandlerSessions handlers;

    public TrackingSecurityContextRepository(HandlerSessions handlers) {
        this.handlers = handlers;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        AuthenticatedHandler handler = completeLogin(context);
        if (handler != null && handler.method() == AuthenticationMethod.BEARER) {
            return Mono.error(new IllegalStateException("A bearer token's handler is never kept in a session."));
        }
        return exchange.getSession().flatMap(before -> {
            Optional<HandlerSessions.Tracked> continuing = handlers.forget(before);
            Mono<Void> saved = sessions.save(exchange, context);
            return handler == null ? saved : saved.then(exchange.getSession())
                    .flatMap(after -> handlers.started(exchange, after, handler.userId(), continuing));
        });
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange);
    }

    private static AuthenticatedHandler completeLogin(SecurityContext context) {
        Authentication authentication = context == null ? null : context.getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedHandler handler
                ? handler : null;
    }
}
