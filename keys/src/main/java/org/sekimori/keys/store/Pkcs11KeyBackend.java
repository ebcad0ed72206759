package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.login.LoginException;

/**
 * The key rings' secrets in a hardware token, through the JDK's SunPKCS11 provider: HMAC keys are
 * made inside the token and never leave it (sensitive, not extractable: the token computes every
 * pseudonym). Tested against SoftHSM2.
 *
 * <p>Limitation: SunPKCS11 of JDK 17 knows no EdDSA, so the checkpoint signing key is protected
 * by the token, not resident in it. Its seed is kept on disk sealed by an AES-256 key the token
 * made and never gives out ({@link TokenSealedSeeds}), and opened into the gateway's memory to sign.
 * Whoever can read the gateway's memory can take it; whoever has only its disk cannot.
 *
 * <p>One backend per token in a process: a PKCS#11 login belongs to the whole process, so
 * {@link #close} logs out every provider on the token, and a second open while logged in does not
 * check its PIN.
 */
public final class Pkcs11KeyBackend extends KeyBackend {

    /** The AES-256 key that seals the Ed25519 seeds. */
    static final String WRAPPING_ALIAS = "seed-wrapping";

    private final Pkcs11Token token;
    private final Provider provider;
    private final KeyStore store;
    private final TokenSealedSeeds seeds;

    private Pkcs11KeyBackend(Pkcs11Token token, Provider provider, KeyStore store, TokenSealedSeeds seeds) {
        this.token = token;
        this.provider = provider;
        this.store = store;
        this.seeds = seeds;
    }

    /**
     * Logs in to the token with {@code pin} (from {@link TokenPin#resolve}). Sealed Ed25519 seeds are
     * kept in {@code sealedSeeds}, a directory beside the rings' files.
     */
    public static Pkcs11KeyBackend open(Pkcs11Token token, char[] pin, Path sealedSeeds)
            throws GeneralSecurityException, IOException {
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + configuration(token));
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        try {
            store.load(null, pin);
        } catch (IOException e) {
            if (refusedLogin(e)) {
                throw new IOException("the token '" + token.label() + "' refused the PIN: set " + TokenPin.VARIABLE
                        + " (or the PIN file) to the token's user PIN", e);
            }
            throw e;
        }
        return new Pkcs11KeyBackend(token, provider, store, new TokenSealedSeeds(sealedSeeds, provider));
    }

    private static boolean refusedLogin(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LoginException) {
                return true;
            }
        }
        return false;
    }

    /**
     * SunPKCS11's configuration: the slot found by label, and every secret key the provider makes
     * or imports marked sensitive and not extractable, which the token then refuses to undo.
     */
    static String configuration(Pkcs11Token token) throws IOException {
        return "name = sekimori\n"
                + "library = \"" + token.library() + "\"\n"
                + "slot = " + TokenSlots.slotOf(token) + "\n"
                + "attributes(*, CKO_SECRET_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }

    @Override
    synchronized void generateSecret(String alias) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance(HMAC, provider);
        generator.init(KeyPurpose.SECRET_BYTES * 8);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
    }

    @Override
    synchronized void importSecret(String alias, byte[] secret) throws GeneralSecurityException {
        store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, HMAC)), null);
    }

    @Override
    synchronized Mac mac(String alias) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC, provider);
        mac.init(key(alias));
        return mac;
    }

    @Override
    synchronized void putSeed(String alias, byte[] seed) throws GeneralSecurityException, IOException {
        if (!store.containsAlias(WRAPPING_ALIAS)) {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            store.setEntry(WRAPPING_ALIAS, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        }
        seeds.seal(alias, seed, key(WRAPPING_ALIAS));
    }

    @Override
    synchronized byte[] seed(String alias) throws GeneralSecurityException, IOException {
        return seeds.open(alias, key(WRAPPING_ALIAS));
    }

    @Override
    synchronized void delete(String alias) throws GeneralSecurityException, IOException {
        if (store.containsAlias(alias)) {
            store.deleteEntry(alias);
        }
        seeds.delete(alias);
    }

    @Override
    synchronized Set<String> aliases() throws GeneralSecurityException, IOException {
        Set<String> aliases = new HashSet<>(Collections.list(store.aliases()));
        aliases.addAll(seeds.aliases());
        return aliases;
    }

    /** The token's handle of the key under {@code alias}; its secret stays in the token. */
    synchronized Key key(String alias) throws GeneralSecurityException {
        Key key = store.getKey(alias, null);
        if (key == null) {
            throw new GeneralSecurityException("the token '" + token.label() + "' holds no key '" + alias + "'");
        }
        return key;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            ((AuthProvider) provider).logout();
        } catch (LoginException e) {
            throw new IOException("could not log out of the token '" + token.label() + "'", e);
        }
    }

    @Override
    public String toString() {
        return "Pkcs11KeyBackend[" + token.label() + "]";
    }
}
