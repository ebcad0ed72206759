package org.sekimori.gateway.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.Decision.Deny;
import org.sekimori.policy.Reason;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a denied request: the reason's category and message, what the handler may state instead
 * where that helps, and the decision id — never the rule's text.
 */
@Component
public class Denials {

    private final JsonResponses responses;

    public Denials(JsonResponses responses) {
        this.responses = responses;
    }

    Mono<Void> refuse(ServerWebExchange exchange, Deny deny) {
        exchange.getAttributes().put(ExchangeAttributes.DECISION, deny);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", deny.reason().code());
        details.put("decisionId", ExchangeAttributes.correlationId(exchange));
        if (!deny.allowed().isEmpty()) {
            details.put("allowed", deny.allowed());
        }
        String message = deny.reason().message() + (deny.detail().isEmpty() ? "" : " " + deny.detail())
                + allowedText(deny);
        return responses.error(exchange, status(deny.reason()), message, details);
    }

    private static String allowedText(Deny deny) {
        List<String> allowed = deny.allowed();
        if (allowed.isEmpty()) {
            return "";
        }
        return switch (deny.reason()) {
            case PURPOSE_REQUIRED, PURPOSE_NOT_GRANTED, PURPOSE_NOT_REGISTERED ->
                    " Purposes you may state here: " + String.join(", ", allowed) + ".";
            case EXCEPTION_NOT_REGISTERED, EXCEPTION_NOT_ALLOWED ->
                    " Exceptions you may invoke: " + String.join(", ", allowed) + ".";
            default -> "";
        };
    }

    private static HttpStatus status(Reason reason) {
        return switch (reason) {
            case PURPOSE_REQUIRED -> HttpStatus.BAD_REQUEST;
            case UNKNOWN_DATA_SYSTEM -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.FORBIDDEN;
        };
    }
}
