package org.sekimori.gateway.security;

import java.util.Map;
import java.util.Set;
import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code {"userId": "...", "password": "..."}} from a script's login request. Only
 * {@code application/json} is accepted: a cross-site form cannot send it without the browser
 * asking first, which makes this endpoint safe from login CSRF without a token.
 */
class JsonCredentialsConverter implements ServerAuthenticationConverter {

    static final String SHAPE = "Send {\"userId\": \"...\", \"password\": \"...\"} as application/json.";
    private static final Set<String> FIELDS = Set.of("userId", "password");

    private final SmallJsonBody body;
    private final ClientAddress clients;

    JsonCredentialsConverter(SmallJsonBody body, ClientAddress clients) {
        this.body = body;
        this.clients = clients;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return body.read(exchange, FIELDS, SHAPE).map(members -> credentials(exchange, members));
    }

    private Authentication credentials(ServerWebExchange exchange, Map<String, String> members) {
        if (members.size() != 2) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The login request must have exactly the text fields userId and password. " + SHAPE);
        }
        exchange.getAttributes().put(ExchangeAttributes.TYPED_USER_ID, members.get("userId"));
        return attempt(exchange, clients, members.get("userId"), members.get("password"));
    }

    /** A login attempt that carries where it came from, for the lockout's count by client address. */
    static Authentication attempt(ServerWebExchange exchange, ClientAddress clients, String userId, String password) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(userId, password);
        token.setDetails(new LoginAttempt(clients.of(exchange.getRequest()).getHostAddress()));
        return token;
    }
}
