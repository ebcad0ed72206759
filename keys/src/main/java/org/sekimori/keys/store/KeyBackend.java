package org.sekimori.keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Where the secrets of the key rings are kept: a PKCS#12 file ({@link Pkcs12KeyBackend}) or a
 * hardware token ({@link Pkcs11KeyBackend}). Each secret is under an alias, such as
 * {@code pseudonym-k2}. Callers outside this package only open and close one and hand it to
 * {@link KeyRings}: what it does with secrets is reached through the rings alone.
 *
 * <p>One process uses a key store at a time: a second process with the same file or token would
 * not see the first one's rotations, and might write over them.
 */
public abstract sealed class KeyBackend implements Closeable permits Pkcs12KeyBackend, Pkcs11KeyBackend {

    static final String HMAC = "HmacSHA256";

    KeyBackend() {
    }

    /** Makes a new 32-byte HMAC-SHA256 key under {@code alias}, where no one can read it if the backend can. */
    abstract void generateSecret(String alias) throws GeneralSecurityException, IOException;

    /** Keeps an existing 32-byte HMAC-SHA256 key under {@code alias}. */
    abstract void importSecret(String alias, byte[] secret) throws GeneralSecurityException, IOException;

    /** An HMAC-SHA256 instance initialised with the key under {@code alias}. */
    abstract Mac mac(String alias) throws GeneralSecurityException;

    /** Keeps the 32-byte seed of an Ed25519 key, which is used in memory: neither backend signs Ed25519 itself. */
    abstract void putSeed(String alias, byte[] seed) throws GeneralSecurityException, IOException;

    abstract byte[] seed(String alias) throws GeneralSecurityException, IOException;

    /** Destroys the secret under {@code alias}, if there is one. */
    abstract void delete(String alias) throws GeneralSecurityException, IOException;

    abstract Set<String> aliases() throws GeneralSecurityException, IOException;
}
