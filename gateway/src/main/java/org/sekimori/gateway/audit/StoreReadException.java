package org.sekimori.gateway.audit;

import java.sql.SQLException;

/** The audit store could not be read; auditors get a 503, the log the SQL state only. */
public class StoreReadException extends RuntimeException {

    public StoreReadException(Exception cause) {
        super("the audit store could not be read (" + (cause instanceof SQLException sql
                ? "SQL state " + sql.getSQLState() : cause.getClass().getSimpleName()) + ")", cause);
    }
}
