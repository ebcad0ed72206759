package org.sekimori.gateway.security;

import java.time.Clock;
import org.sekimori.gateway.audit.LoginEvents;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.gateway.login.PasswordLogin;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Notes why a login failed for its audit record, and records the lockout it caused, before the
 * client gets the answer that is the same for every reason.
 */
@Component
public class LoginFailureNotes {

    private final LoginEvents events;
    private final LoginProperties properties;
    private final Clock clock;

    public LoginFailureNotes(LoginEvents events, LoginProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Void> note(ServerWebExchange exchange, AuthenticationException exception) {
        if (!(exception instanceof LoginRefusedException refused)) {
            return Mono.empty();
        }
        PasswordLogin.Refused refusal = refused.refusal();
        exchange.getAttributes().put(ExchangeAttributes.AUTHENTICATION_FAILURE, refusal.failure().code());
        var until = clock.instant().plus(properties.lockout().duration());
        Mono<Void> account = refusal.count().accountLocked()
                ? events.lockout(exchange, refusal.userId(), "account", until) : Mono.empty();
        Mono<Void> address = refusal.count().addressBlocked()
                ? events.lockout(exchange, java.util.Optional.empty(), "address", until) : Mono.empty();
        return account.then(address);
    }
}
