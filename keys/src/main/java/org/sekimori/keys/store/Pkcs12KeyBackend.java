package org.sekimori.keys.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.sekimori.keys.OwnerOnlyFiles;
import org.sekimori.keys.tls.KeyStorePassword;

/**
 * The key rings' secrets in a PKCS#12 file protected by a password (the JDK's defaults: AES-256
 * entries, an HMAC-SHA256 integrity check over the file). Every change rewrites the file whole,
 * owner-only, so a reader sees the old file or the new one.
 *
 * <p>An Ed25519 key is kept as its 32-byte seed in a secret-key entry (algorithm
 * {@code Ed25519}), not as a private-key entry: PKCS#12 keeps a private key only with a
 * certificate, and a self-signed one would carry a validity and a subject that nothing checks.
 * The public part is in the ring's file, and the seed gives it back.
 */
public final class Pkcs12KeyBackend extends KeyBackend {

    private final Path file;
    private final char[] password;
    private final KeyStore store;

    private Pkcs12KeyBackend(Path file, char[] password, KeyStore store) {
        this.file = file;
        this.password = password.clone();
        this.store = store;
    }

    /**
     * The key store in {@code file}, or an empty one that is written there on its first key. The
     * password comes from {@link KeyStorePassword#resolve}, never from the command line.
     */
    public static Pkcs12KeyBackend open(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (!Files.exists(file)) {
            store.load(null, null);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new IOException(file + " does not open with this password: set " + KeyStorePassword.VARIABLE
                            + " to the password it was made with, or restore its password file", e);
                }
                throw e;
            }
        }
        return new Pkcs12KeyBackend(file, password, store);
    }

    @Override
    synchronized void generateSecret(String alias) throws GeneralSecurityException, IOException {
        KeyGenerator generator = KeyGenerator.getInstance(HMAC);
        generator.init(KeyPurpose.SECRET_BYTES * 8);
        put(alias, generator.generateKey());
    }

    @Override
    synchronized void importSecret(String alias, byte[] secret) throws GeneralSecurityException, IOException {
        put(alias, new SecretKeySpec(secret, HMAC));
    }

    @Override
    synchronized Mac mac(String alias) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(secret(alias));
        return mac;
    }

    @Override
    synchronized void putSeed(String alias, byte[] seed) throws GeneralSecurityException, IOException {
        put(alias, new SecretKeySpec(seed, "Ed25519"));
    }

    @Override
    synchronized byte[] seed(String alias) throws GeneralSecurityException {
        return secret(alias).getEncoded();
    }

    @Override
    synchronized void delete(String alias) throws GeneralSecurityException, IOException {
        if (store.containsAlias(alias)) {
            store.deleteEntry(alias);
            save();
        }
    }

    @Override
    synchronized Set<String> aliases() throws GeneralSecurityException {
        return new HashSet<>(Collections.list(store.aliases()));
    }

    private SecretKey secret(String alias) throws GeneralSecurityException {
        if (!(store.getKey(alias, password) instanceof SecretKey key)) {
            throw new GeneralSecurityException(file + " holds no secret key '" + alias + "'");
        }
        return key;
    }

    private void put(String alias, SecretKey key) throws GeneralSecurityException, IOException {
        store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
        save();
    }

    private void save() throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        OwnerOnlyFiles.replace(file, out.toByteArray());
    }

    @Override
    public synchronized void close() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Pkcs12KeyBackend[" + file + "]";
    }
}
