package org.sekimori.gateway.filter;

import org.springframework.web.server.ServerWebExchange;

/** Attributes Sekimori keeps on an exchange, qualified so they cannot clash with the framework's. */
public final class ExchangeAttributes {

    /** The id that ties a response, its error body, its logs and (later) its audit record together. */
    public static final String CORRELATION_ID = ExchangeAttributes.class.getName() + ".correlationId";

    /** The {@code Decision} on the request: a permit that let it through, or the denial that refused it. */
    public static final String DECISION = ExchangeAttributes.class.getName() + ".decision";

    /** The {@code RouteTable.Found} route of the data system the request matched. */
    public static final String DATA_SYSTEM_ROUTE = ExchangeAttributes.class.getName() + ".dataSystemRoute";

    /** The id of the data system the request is addressed to. */
    public static final String DATA_SYSTEM = ExchangeAttributes.class.getName() + ".dataSystem";

    /** The {@code AccessRequest} the access policy decided on. */
    public static final String ACCESS_REQUEST = ExchangeAttributes.class.getName() + ".accessRequest";

    /** The {@code MaskReport} of the masked response: records returned, their subjects, items seen. */
    public static final String MASK_REPORT = ExchangeAttributes.class.getName() + ".maskReport";

    /** The {@code AuthenticatedHandler} who made the request, once known. */
    public static final String HANDLER = ExchangeAttributes.class.getName() + ".handler";

    /** The user ID typed at a login, whatever became of it. */
    public static final String TYPED_USER_ID = ExchangeAttributes.class.getName() + ".typedUserId";

    /**
     * Why an authentication failed, as a short code for the record only (for example
     * {@code bad-password} or {@code token-expired}); the client always sees the same answer.
     */
    public static final String AUTHENTICATION_FAILURE = ExchangeAttributes.class.getName() + ".authenticationFailure";

    /** The {@code PendingLogin} a login step left, when the login still owes another. */
    public static final String PENDING_LOGIN = ExchangeAttributes.class.getName() + ".pendingLogin";

    /** What an auditor searched or exported, for the record of the search. */
    /** How an export or provision was encrypted (an {@code export.Protection}), for its record. */
    public static final String EXPORT_PROTECTION = ExchangeAttributes.class.getName() + ".exportProtection";

    public static final String AUDIT_QUERY = ExchangeAttributes.class.getName() + ".auditQuery";

    /** Set when a step other than the login itself (enrolling a second factor, a new password) completes a login. */
    public static final String LOGIN_COMPLETED = ExchangeAttributes.class.getName() + ".loginCompleted";

    private ExchangeAttributes() {
    }

    public static String correlationId(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CORRELATION_ID, "");
    }
}
