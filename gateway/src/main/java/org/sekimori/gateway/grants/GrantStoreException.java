package org.sekimori.gateway.grants;

import java.sql.SQLException;

/** The grant requests' database could not be reached; the client gets a 503, the log the SQL state only. */
public class GrantStoreException extends RuntimeException {

    GrantStoreException(SQLException cause) {
        super("the grant requests could not be read or changed (SQL state " + cause.getSQLState() + ")", cause);
    }
}
