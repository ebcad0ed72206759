package org.sekimori.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointKeysTest {

    static final byte[] MESSAGE = "chain test, seq 1000, head 00ff".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aSignatureVerifiesWithThePublicKeyReadBackFromItsPemFile() throws IOException {
        CheckpointSigningKey key = CheckpointSigningKey.loadOrCreate(dir.resolve("checkpoint.key"), new SecureRandom());
        Files.writeString(dir.resolve("checkpoint.pub"), key.publicKey().toPem());

        CheckpointPublicKey read = CheckpointPublicKey.read(dir.resolve("checkpoint.pub"));

        assertThat(read.id()).isEqualTo("k1");
        assertThat(read.verifies(MESSAGE, key.sign(MESSAGE))).isTrue();
    }

    @Test
    void aChangedMessageOrSignatureOrAnotherKeyDoesNotVerify() throws IOException {
        CheckpointSigningKey key = CheckpointSigningKey.loadOrCreate(dir.resolve("a.key"), new SecureRandom());
        CheckpointSigningKey other = CheckpointSigningKey.loadOrCreate(dir.resolve("b.key"), new SecureRandom());
        byte[] signature = key.sign(MESSAGE);
        byte[] changed = MESSAGE.clone();
        changed[0] ^= 1;
        byte[] bent = signature.clone();
        bent[10] ^= 1;

        assertThat(key.publicKey().verifies(changed, signature)).isFalse();
        assertThat(key.publicKey().verifies(MESSAGE, bent)).isFalse();
        assertThat(other.publicKey().verifies(MESSAGE, signature)).isFalse();
        assertThat(key.publicKey().verifies(MESSAGE, new byte[3])).isFalse();
    }

    @Test
    void theKeyFileIsOwnerOnlyAndTheSameKeyIsReadOnTheNextStart() throws IOException {
        Path file = dir.resolve("keys/checkpoint.key");
        CheckpointSigningKey first = CheckpointSigningKey.loadOrCreate(file, new SecureRandom());
        CheckpointSigningKey again = CheckpointSigningKey.loadOrCreate(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.publicKey().verifies(MESSAGE, first.sign(MESSAGE))).isTrue();
    }

    @Test
    void aFileWithoutAnEd25519PublicKeyIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("not-a-key.pub");
        Files.writeString(file, "hello");

        assertThatThrownBy(() -> CheckpointPublicKey.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not-a-key.pub").hasMessageContaining("no PEM public key");
    }

    @Test
    void thePemIsWhatOpensslReads() throws Exception {
        CheckpointSigningKey key = CheckpointSigningKey.loadOrCreate(dir.resolve("c.key"), new SecureRandom());
        Path pem = dir.resolve("c.pub");
        Files.writeString(pem, key.publicKey().toPem());

        Process openssl = new ProcessBuilder("openssl", "pkey", "-pubin", "-in", pem.toString(), "-noout", "-text")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("ED25519 Public-Key");
    }
}
