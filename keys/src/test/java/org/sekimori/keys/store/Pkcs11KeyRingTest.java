package org.sekimori.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key store in a hardware token: a SoftHSM2 token made for the tests. */
class Pkcs11KeyRingTest extends KeyRingContractTest {

    private Pkcs11Token token;

    @BeforeEach
    void emptyTheToken() throws Exception {
        token = SoftHsm.token();
        try (Pkcs11KeyBackend backend = Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed())) {
            for (String alias : backend.aliases()) {
                backend.delete(alias);
            }
        }
    }

    private Path sealed() {
        return dir.resolve("keys/sealed");
    }

    @Override
    KeyBackend openBackend() throws Exception {
        return Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed());
    }

    @Override
    void openWithWrongSecret() throws Exception {
        Pkcs11KeyBackend.open(token, "not-the-pin".toCharArray(), sealed()).close();
    }

    @Override
    String wrongSecretAdvice() {
        return "the token 'sekimori-test' refused the PIN: set " + TokenPin.VARIABLE + " (or the PIN file) to the "
                + "token's user PIN";
    }

    @Test
    void aPseudonymKeyIsMadeInTheTokenAndNeverLeavesIt() throws Exception {
        try (Pkcs11KeyBackend backend = Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed())) {
            pseudonyms(backend);

            assertThat(backend.key("pseudonym-k1").getEncoded()).isNull();
        }

        String objects = pkcs11Tool("--list-objects", "--type", "secrkey");
        assertThat(objects).startsWith("exit 0").containsPattern(
                "label: +pseudonym-k1\\n(.*\\n)*? +Access: +sensitive, always sensitive, never extractable, local");
        assertThat(pkcs11Tool("--read-object", "--type", "secrkey", "--label", "pseudonym-k1"))
                .doesNotStartWith("exit 0").contains("CKR_ATTRIBUTE_SENSITIVE");
    }

    @Test
    void theCheckpointSeedIsOnDiskOnlySealedByTheToken() throws Exception {
        byte[] seed;
        try (Pkcs11KeyBackend backend = Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed())) {
            checkpoints(backend);
            seed = backend.seed("checkpoint-k1");
        }
        Path file = sealed().resolve("checkpoint-k1.sealed");
        byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());

        assertThat(stored).hasSize(12 + 32 + 16);
        assertThat(indexOf(stored, seed)).isNegative();
        assertThat(pkcs11Tool("--list-objects", "--type", "secrkey")).containsPattern(
                "label: +seed-wrapping\\n(.*\\n)*? +Access: +sensitive, always sensitive, never extractable, local");
    }

    @Test
    void aSealedSeedMovedToAnotherKeysNameDoesNotOpen() throws Exception {
        try (Pkcs11KeyBackend backend = Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed())) {
            checkpoints(backend).ring().rotate();
            Files.copy(sealed().resolve("checkpoint-k1.sealed"), sealed().resolve("checkpoint-k2.sealed"),
                    StandardCopyOption.REPLACE_EXISTING);

            assertThatThrownBy(() -> backend.seed("checkpoint-k2")).hasMessageContaining(
                    "checkpoint-k2.sealed does not open with the token's key: it was altered, or sealed by another token");
        }
    }

    @Test
    void aSealedSeedWithAnyBitFlippedDoesNotOpen() throws Exception {
        try (Pkcs11KeyBackend backend = Pkcs11KeyBackend.open(token, SoftHsm.PIN.toCharArray(), sealed())) {
            checkpoints(backend);
            Path file = sealed().resolve("checkpoint-k1.sealed");
            byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());

            for (int at : new int[] {0, 11, 12, 43, 44, 59}) { // nonce, ciphertext, tag: first and last byte of each
                byte[] flipped = stored.clone();
                flipped[at] ^= 1;
                Files.writeString(file, Base64.getEncoder().encodeToString(flipped));

                assertThatThrownBy(() -> backend.seed("checkpoint-k1")).as("byte " + at)
                        .hasMessageEndingWith("does not open with the token's key: it was altered, or sealed by another "
                                + "token");
            }
        }
    }

    @Test
    void anUnknownTokenLabelIsRefusedNamingTheTokensThere() {
        Pkcs11Token other = new Pkcs11Token(SoftHsm.LIBRARY, "no-such-token");

        assertThatThrownBy(() -> Pkcs11KeyBackend.open(other, SoftHsm.PIN.toCharArray(), sealed()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no token labelled 'no-such-token' in " + SoftHsm.LIBRARY + "; its tokens: ")
                .hasMessageContaining("'sekimori-test'");
    }

    private static String pkcs11Tool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", SoftHsm.LIBRARY.toString(),
                "--token-label", SoftHsm.LABEL, "--login", "--pin", SoftHsm.PIN));
        command.addAll(List.of(arguments));
        return SoftHsm.run(command);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
