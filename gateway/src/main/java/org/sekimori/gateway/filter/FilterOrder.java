package org.sekimori.gateway.filter;

import org.springframework.core.Ordered;

/**
 * The order of Sekimori's web filters, in one place. All run before Spring Security
 * ({@code WebFilterChainProxy} at -100), so that even a refused login has a correlation id and
 * never sees a client's forged identity headers.
 */
public final class FilterOrder {

    public static final int CORRELATION_ID = Ordered.HIGHEST_PRECEDENCE;
    /** Records every request, refused ones included, so it runs before anything can refuse. */
    public static final int AUDIT = CORRELATION_ID + 10;
    public static final int PATH_SAFETY = CORRELATION_ID + 20;
    /** Ends a session past its absolute timeout before Spring Security reads the login from it. */
    public static final int SESSION_AGE = CORRELATION_ID + 30;

    /** Notes who the handler is for the record, once Spring Security has loaded the session. */
    public static final int HANDLER_ATTRIBUTE = 0;

    /**
     * Gateway filters (after Spring Security). The access decision runs before the route's own
     * filters strip the data system's prefix, and the response masking wraps the response before
     * Spring Cloud Gateway's write-response filter (-1) copies the upstream body into it.
     */
    public static final int ACCESS_POLICY = -1000;
    /** Wraps the response outside the masking: encrypts what the masking let through. */
    public static final int EXPORT_PROTECTION = ACCESS_POLICY + 5;
    public static final int RESPONSE_MASKING = ACCESS_POLICY + 10;

    /** After the decision and the masking wrapper, before anything is sent: a write's record first. */
    public static final int WRITE_FORWARDING = ACCESS_POLICY + 20;

    private FilterOrder() {
    }
}
