package org.sekimori.keys.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.sekimori.keys.tls.KeyStorePassword;

/** The key store in a PKCS#12 file, the default. */
class Pkcs12KeyRingTest extends KeyRingContractTest {

    private static final char[] PASSWORD = "store-password-for-tests".toCharArray();

    private Path file() {
        return dir.resolve("keys/keystore.p12");
    }

    @Override
    KeyBackend openBackend() throws Exception {
        return Pkcs12KeyBackend.open(file(), PASSWORD);
    }

    @Override
    void openWithWrongSecret() throws Exception {
        Pkcs12KeyBackend.open(file(), "not-the-password".toCharArray()).close();
    }

    @Override
    String wrongSecretAdvice() {
        return "keystore.p12 does not open with this password: set " + KeyStorePassword.VARIABLE + " to the "
                + "password it was made with, or restore its password file";
    }

    @Test
    void theFileIsOwnerOnlyAndARetiredKeysSecretIsGoneFromIt() throws Exception {
        retireK1(backend -> checkpoints(backend).ring());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file())) {
            store.load(in, PASSWORD);
        }
        assertThat(Collections.list(store.aliases())).containsExactlyInAnyOrder("checkpoint-k2", "ring-seal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }
}
