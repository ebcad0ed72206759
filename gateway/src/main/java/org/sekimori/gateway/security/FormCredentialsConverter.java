package org.sekimori.gateway.security;

import org.sekimori.gateway.audit.ClientAddress;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Reads the browser login form's user ID and password, noting where the attempt came from. */
class FormCredentialsConverter implements ServerAuthenticationConverter {

    private final ClientAddress clients;

    FormCredentialsConverter(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String userId = java.util.Objects.toString(form.getFirst("username"), "");
            exchange.getAttributes().put(ExchangeAttributes.TYPED_USER_ID, userId);
            return JsonCredentialsConverter.attempt(exchange, clients, userId, java.util.Objects.toString(form.getFirst("password"), ""));
        });
    }
}
