package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * Ed25519 seeds kept on disk, sealed with AES-256-GCM by a key that never leaves the token: the
 * token cannot sign Ed25519 itself, so the seed is opened into memory to sign. A stolen file is
 * of no use without the token and its PIN. One owner-only file per key, {@code <alias>.sealed},
 * holding the Base64 of nonce (12 bytes) || ciphertext (32 bytes) || tag (16 bytes); the alias
 * is the associated data, so a file renamed to another key's name does not open.
 */
final class TokenSealedSeeds {

    private static final String SUFFIX = ".sealed";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path directory;
    private final Provider token;
    private final SecureRandom random = new SecureRandom();

    TokenSealedSeeds(Path directory, Provider token) {
        this.directory = directory;
        this.token = token;
    }

    void seal(String alias, byte[] seed, Key wrappingKey) throws GeneralSecurityException, IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, wrappingKey, nonce, alias).doFinal(seed);
        Path file = file(alias);
        Files.deleteIfExists(file);
        OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
    }

    byte[] open(String alias, Key wrappingKey) throws GeneralSecurityException, IOException {
        Path file = file(alias);
        if (!Files.exists(file)) {
            throw new GeneralSecurityException("no sealed seed for '" + alias + "' in " + directory);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(file + " is not a sealed seed", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException(file + " is not a sealed seed");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        try {
            return cipher(Cipher.DECRYPT_MODE, wrappingKey, nonce, alias).doFinal(sealed);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + " does not open with the token's key: it was altered, or sealed "
                    + "by another token", e);
        }
    }

    void delete(String alias) throws IOException {
        Files.deleteIfExists(file(alias));
    }

    Set<String> aliases() throws IOException {
        Set<String> aliases = new HashSet<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                        .forEach(name -> aliases.add(name.substring(0, name.length() - SUFFIX.length())));
            }
        }
        return aliases;
    }

    private Cipher cipher(int mode, Key key, byte[] nonce, String alias) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(alias.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private Path file(String alias) {
        return directory.resolve(alias + SUFFIX);
    }
}
