package org.sekimori.gateway.filter;

import org.springframework.web.server.ServerWebExchange;

/** Attributes Sekimori keeps on an exchange, qualified so they cannot clash with the framework's. */
public final class ExchangeAttributes {

    /** The id that ties a response, its error body, its logs and (later) its audit record together. */
    public static final String CORRELATION_ID = ExchangeAttributes.class.getName() + ".correlationId";

    private ExchangeAttributes() {
    }

    public static String correlationId(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CORRELATION_ID, "");
    }
}
