package org.sekimori.gateway.filter;

import org.springframework.web.server.ServerWebExchange;

/** Attributes Sekimori keeps on an exchange, qualified so they cannot clash with the framework's. */
public final class ExchangeAttributes {

    /** The id that ties a response, its error body, its logs and (later) its audit record together. */
    public static final String CORRELATION_ID = ExchangeAttributes.class.getName() + ".correlationId";

    /** The {@code Decision.Permit} that let the request through. */
    public static final String DECISION = ExchangeAttributes.class.getName() + ".decision";

    /** The {@code RouteTable.Found} route of the data system the request matched. */
    public static final String DATA_SYSTEM_ROUTE = ExchangeAttributes.class.getName() + ".dataSystemRoute";

    private ExchangeAttributes() {
    }

    public static String correlationId(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CORRELATION_ID, "");
    }
}
