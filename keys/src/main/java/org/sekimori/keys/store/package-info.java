/**
 * The key store: the audit keys in rings that rotate, kept in a PKCS#12 file (the default) or a
 * hardware token through PKCS#11.
 *
 * <p>Security guarantees: a key's secret is never written in the clear (PKCS#12: encrypted under
 * the store password; PKCS#11: HMAC keys made in the token and never extractable, Ed25519 seeds
 * sealed by a token key). No rotation or retirement makes an old checkpoint unverifiable: a
 * signing key's public part is kept for ever. Retiring a key destroys its secret, so nothing can
 * bring it back, whatever is edited on disk; the ring files are sealed, so their edits are refused.
 *
 * <p>The gateway opens one backend and the rings in it, with a listener that writes every
 * {@link org.sekimori.keys.store.KeyEvent} to the audit trail:
 * <pre>{@code
 * KeyBackend backend = Pkcs12KeyBackend.open(keys.resolve("keystore.p12"),
 *         KeyStorePassword.resolve(System.getenv(KeyStorePassword.VARIABLE), keys.resolve("keystore.password")));
 * // or: Pkcs11KeyBackend.open(new Pkcs11Token(library, label),
 * //         TokenPin.resolve(System.getenv(TokenPin.VARIABLE), pinFile), keys.resolve("sealed"));
 * KeyRings rings = new KeyRings(backend, keys, listener, clock, new SecureRandom());
 * CheckpointKeyRing checkpoints = rings.checkpointSigning(keys.resolve("checkpoint.key"));
 * Pseudonyms pseudonyms = new Pseudonyms(rings.pseudonyms(keys.resolve("audit-pseudonym.key")));
 * }</pre>
 */
package org.sekimori.keys.store;
