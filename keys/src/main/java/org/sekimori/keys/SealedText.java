package org.sekimori.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Text that may hold personal data (an exception's justification) sealed with AES-256-GCM, so
 * that it can sit in the audit trail and be read only through the gateway's auditor API. A sealed
 * text reads {@code <key id>:<Base64 of nonce || ciphertext || tag>}; a changed byte fails to open.
 */
public final class SealedText {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "sekimori sealed text".getBytes(StandardCharsets.US_ASCII);

    private final String keyId;
    private final SecretKeySpec key;
    private final SecureRandom random;

    private SealedText(KeyFile file, SecureRandom random) {
        this.keyId = file.id();
        this.key = new SecretKeySpec(file.secret(), "AES");
        this.random = random;
    }

    public static SealedText loadOrCreate(Path file, SecureRandom random) throws IOException {
        return new SealedText(KeyFile.loadOrCreate(file, random), random);
    }

    public String seal(String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, text.getBytes(StandardCharsets.UTF_8));
        return keyId + ":" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    /** The text, or an exception when it was sealed with another key or has been altered. */
    public String open(String sealed) {
        int colon = sealed.indexOf(':');
        if (colon < 0 || !sealed.substring(0, colon).equals(keyId)) {
            throw new IllegalArgumentException("sealed with a key other than " + keyId);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a sealed text");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a sealed text");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return new String(run(Cipher.DECRYPT_MODE, nonce, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed text does not open: it was altered or sealed with "
                    + "another key", e);
        }
    }

    @Override
    public String toString() {
        return "SealedText[key=" + keyId + "]";
    }
}
