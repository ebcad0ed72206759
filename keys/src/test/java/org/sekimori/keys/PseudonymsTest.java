package org.sekimori.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {

    private static final byte[] SECRET = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @TempDir
    Path dir;

    private final Pseudonyms pseudonyms = new Pseudonyms(new PseudonymKey("k1", SECRET));

    @Test
    void pseudonymWhenSameValueAndDomainThenSameToken() {
        assertThat(pseudonyms.pseudonym("followup", "F00001")).isEqualTo(pseudonyms.pseudonym("followup", "F00001"))
                .matches("k1:[a-z2-7]{26}");
    }

    @Test
    void pseudonymWhenOtherDomainThenDifferentToken() {
        assertThat(pseudonyms.pseudonym("followup", "F00001")).isNotEqualTo(pseudonyms.pseudonym("registry", "F00001"));
    }

    @Test
    void pseudonymIsTheTruncatedHmacOfDomainZeroValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal("followup\0F00001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // An independent Base32 of the first 16 bytes: 128 bits = 25 full characters and 3 bits.
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            bits.append(String.format("%8s", Integer.toBinaryString(expected[i] & 0xff)).replace(' ', '0'));
        }
        while (bits.length() % 5 != 0) {
            bits.append('0');
        }
        StringBuilder base32 = new StringBuilder();
        for (int i = 0; i < bits.length(); i += 5) {
            base32.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }

        assertThat(pseudonyms.pseudonym("followup", "F00001")).isEqualTo("k1:" + base32);
    }

    @Test
    void loadOrCreateWhenNoFileThenCreatesOwnerOnlyKeyAndReadsTheSameBack() throws IOException {
        Path file = dir.resolve("keys/pseudonym.key");

        PseudonymKey created = PseudonymKey.loadOrCreate(file, new SecureRandom());
        PseudonymKey read = PseudonymKey.loadOrCreate(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new Pseudonyms(read).pseudonym("d", "v")).isEqualTo(new Pseudonyms(created).pseudonym("d", "v"));
    }

    @Test
    void loadOrCreateWhenSeveralInstancesStartAtOnceThenAllUseOneKeyAndNoTemporaryFileIsLeft() throws Exception {
        Path file = dir.resolve("shared/pseudonym.key");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> new Pseudonyms(PseudonymKey.loadOrCreate(file, new SecureRandom()))
                        .pseudonym("d", "v")));
            }
            var tokens = new java.util.HashSet<String>();
            for (var future : futures) {
                tokens.add(future.get());
            }
            assertThat(tokens).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactly("pseudonym.key");
        }
    }

    @Test
    void loadOrCreateWhenFileCorruptThenSaysWhatIsWrong() throws IOException {
        Path file = dir.resolve("pseudonym.key");
        Files.writeString(file, "k1\nnot base64!\n");

        assertThatThrownBy(() -> PseudonymKey.loadOrCreate(file, new SecureRandom())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + " does not hold a valid key");
    }

    @Test
    void searchableWhenOneKeyThenOnlyItsPseudonym() {
        assertThat(pseudonyms.searchable("followup", "F00001")).containsExactly(pseudonyms.pseudonym("followup", "F00001"));
    }

    @Test
    void aKeyHeldElsewhereGivesTheSamePseudonymsAsTheSameSecretInMemory() {
        PseudonymKey elsewhere = new PseudonymKey("k1", () -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return mac;
        });

        assertThat(new Pseudonyms(elsewhere).pseudonym("followup", "F00001"))
                .isEqualTo(pseudonyms.pseudonym("followup", "F00001"));
    }

    @Test
    void aKeyHeldElsewhereThatIsNotHmacSha256IsRefusedAtOnce() {
        assertThatThrownBy(() -> new PseudonymKey("k1", () -> {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA512"));
            return mac;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("a pseudonym key computes HmacSHA256, not HmacSHA512");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(new PseudonymKey("k1", SECRET).toString()).isEqualTo("PseudonymKey[id=k1]");
    }
}
