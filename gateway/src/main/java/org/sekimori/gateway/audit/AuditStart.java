package org.sekimori.gateway.audit;

import java.time.Instant;

/** When the audit filter took a request in: the time its records carry, and the start of its duration. */
record AuditStart(Instant time, long nanos) {

    static final String ATTRIBUTE = AuditStart.class.getName();
}
