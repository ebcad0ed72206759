package org.sekimori.gateway.grants;

import java.sql.SQLException;

/**
 * The directory's database (grant requests, policy changes) could not be reached; the client gets
 * a 503, the log the SQL state only.
 */
public class DirectoryStoreException extends RuntimeException {

    public DirectoryStoreException(SQLException cause) {
        super("the directory's database could not be read or changed (SQL state " + cause.getSQLState() + ")", cause);
    }
}
