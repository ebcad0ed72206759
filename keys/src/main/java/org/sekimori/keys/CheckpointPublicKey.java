package org.sekimori.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The public half of a {@link CheckpointSigningKey}: all an auditor needs to check checkpoints.
 * Written as a PEM {@code PUBLIC KEY} (what {@code openssl pkey -pubin} reads) with the key id on
 * a comment line before it.
 */
public final class CheckpointPublicKey {

    private static final Pattern PEM = Pattern.compile(
            "(?:# key id: ([a-z0-9]{1,16})\\s+)?-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final String id;
    private final Ed25519PublicKeyParameters key;

    CheckpointPublicKey(String id, Ed25519PublicKeyParameters key) {
        this.id = id;
        this.key = key;
    }

    /** The key with the 32 bytes of an Ed25519 public key, as {@link #encoded()} gives them. */
    public static CheckpointPublicKey of(String id, byte[] encoded) {
        if (encoded.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + Ed25519PublicKeyParameters.KEY_SIZE
                    + " bytes, not " + encoded.length);
        }
        return new CheckpointPublicKey(KeyFile.checkId(id), new Ed25519PublicKeyParameters(encoded, 0));
    }

    /** The key id named in the file, or null when the file names none. */
    public String id() {
        return id;
    }

    /** The 32 bytes of the public key (RFC 8032), without the key id. */
    public byte[] encoded() {
        return key.getEncoded();
    }

    public boolean verifies(byte[] message, byte[] signature) {
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public String toPem() {
        try {
            byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
            return "# key id: " + id + "\n-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new IllegalStateException("an Ed25519 public key could not be encoded", e);
        }
    }

    public static CheckpointPublicKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    static CheckpointPublicKey parse(String pem, String source) throws IOException {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IOException(source + " holds no PEM public key");
        }
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + " holds no readable public key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
            throw new IOException(source + " holds a public key that is not Ed25519");
        }
        return new CheckpointPublicKey(matcher.group(1), ed25519);
    }
}
