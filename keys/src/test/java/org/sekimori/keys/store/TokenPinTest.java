package org.sekimori.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenPinTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentVariableWinsOverTheFile() throws IOException {
        Path file = ownerOnly("1234\n");

        assertThat(TokenPin.resolve("9876", file)).containsExactly('9', '8', '7', '6');
        assertThat(TokenPin.resolve("", file)).containsExactly('1', '2', '3', '4');
    }

    @Test
    void withoutEitherThePinIsRefusedSayingWhereToPutIt() {
        Path file = dir.resolve("hsm.pin");

        assertThatThrownBy(() -> TokenPin.resolve(null, file)).isInstanceOf(IOException.class)
                .hasMessage("no PIN for the token: set SEKIMORI_HSM_PIN or write the PIN to " + file + " (chmod 600)");
    }

    @Test
    void aPinFileOthersMayReadIsRefused() throws IOException {
        Path file = ownerOnly("1234");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> TokenPin.resolve(null, file)).isInstanceOf(IOException.class)
                .hasMessage(file + " may be read or run by others than its owner: chmod 600 " + file);
    }

    private Path ownerOnly(String pin) throws IOException {
        Path file = dir.resolve("hsm.pin");
        Files.writeString(file, pin);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
