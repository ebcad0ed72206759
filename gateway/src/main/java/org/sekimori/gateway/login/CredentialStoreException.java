package org.sekimori.gateway.login;

/** The credential store could not be read or written; logins are refused until it answers again. */
public class CredentialStoreException extends RuntimeException {

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
