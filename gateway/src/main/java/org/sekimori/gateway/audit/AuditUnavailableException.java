package org.sekimori.gateway.audit;

/**
 * A record could not be made durable in time. The request it belongs to is refused with 503:
 * nothing is released, and nothing more is sent to a data system, without its record.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message) {
        super(message, null, false, false);
    }
}
