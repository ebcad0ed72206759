package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenPGP exports, decrypted by GnuPG 2.2 as their receivers would, and by Bouncy Castle. */
class OpenPgpEncryptionTest {

    static final byte[] CONTENT = "id,name,care\n1001,山田 花子,要介護2\n".getBytes(StandardCharsets.UTF_8);
    static final char[] NO_PASSWORD = new char[0];

    @TempDir
    static Path dir;
    static Gpg gpg;
    static String rsa;
    static String curve25519;

    char[] password = ExportPassword.generate(new SecureRandom());

    @BeforeAll
    static void recipientsMakeTheirKeys() throws Exception {
        gpg = new Gpg(dir.resolve("gnupg"));
        rsa = gpg.generate("RSA Recipient <rsa@example.org>", "rsa3072", "cert", "never");
        gpg.addSubkey(rsa, "rsa3072", "encr", "never");
        // gpg 2.2's future-default: an Ed25519 primary key with a Curve25519 (ECDH) encryption subkey.
        curve25519 = gpg.generate("Curve Recipient <cv@example.org>", "future-default", "default", "never");
    }

    @AfterAll
    static void stopTheAgent() {
        gpg.close();
    }

    @Test
    void aPasswordFileDecryptsWithGpgToTheContentUnderItsName() throws Exception {
        byte[] file = OpenPgpEncryption.withPassword(password).encrypt(CONTENT, "export.csv");

        Gpg.Decryption decryption = gpg.decrypt(file, password);

        assertThat(decryption.content()).hasValue(CONTENT);
        assertThat(decryption.status()).contains("[GNUPG:] PLAINTEXT 62 ").contains(" export.csv\n")
                .contains("[GNUPG:] DECRYPTION_INFO 2 9 0", "[GNUPG:] GOODMDC");
        assertThat(Decryptions.openPgp(file, password)).isEqualTo(CONTENT);
    }

    @Test
    void aPasswordFileHasAes256TheHighestS2KCountAnIntegrityCheckAndNoCompression() throws Exception {
        byte[] file = OpenPgpEncryption.withPassword(password).encrypt(CONTENT, "export.csv");

        String packets = gpg.listPackets(file, password);

        assertThat(packets).contains(":symkey enc packet: version 4, cipher 9, aead 0,s2k 3, hash 8, seskey 256 bits",
                "count 65011712 (255)", ":encrypted data packet:", "mdc_method: 2",
                ":literal data packet:", "mode b (62)", "name=\"export.csv\"", "raw data: " + CONTENT.length + " bytes")
                .doesNotContain("compressed packet");
        assertThat(file[0]).as("binary, not ASCII armor: a new-format packet tag").isEqualTo((byte) 0xC3);
    }

    @Test
    void aWrongPasswordDecryptsNothingAndAJapanesePasswordWorksAsUtf8() throws Exception {
        byte[] file = OpenPgpEncryption.withPassword(password).encrypt(CONTENT, "export.csv");
        char[] wrong = ExportPassword.generate(new SecureRandom());
        char[] japanese = "輸出用のパスワードは十六文字以上です".toCharArray();

        assertThat(gpg.decrypt(file, wrong).content()).isEmpty();
        assertThatThrownBy(() -> Decryptions.openPgp(file, wrong)).isNotNull();
        assertThat(gpg.decrypt(OpenPgpEncryption.withPassword(japanese).encrypt(CONTENT, "輸出.csv"), japanese)
                .content()).hasValue(CONTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "curve25519"})
    void aFileForARecipientsKeyDecryptsWithGpgAndTheirSecretKey(String which) throws Exception {
        String key = which.equals("rsa") ? rsa : curve25519;
        byte[] file = recipient(key).encryption().encrypt(CONTENT, "export.csv");

        Gpg.Decryption decryption = gpg.decrypt(file, NO_PASSWORD);

        assertThat(decryption.content()).hasValue(CONTENT);
        assertThat(decryption.status()).contains("[GNUPG:] ENC_TO ", which.equals("rsa") ? " 1 0\n" : " 18 0\n")
                .contains("[GNUPG:] DECRYPTION_INFO 2 9 0", "[GNUPG:] GOODMDC");
        assertThat(Decryptions.openPgp(file, gpg.exportSecret(key))).isEqualTo(CONTENT);
    }

    @Test
    void everyFlippedBitOfAPasswordFileFailsToDecrypt() throws Exception {
        byte[] file = OpenPgpEncryption.withPassword(password).encrypt(CONTENT, "export.csv");

        BitFlips.assertAlterationsFail(file, CONTENT, altered -> Optional.of(Decryptions.openPgp(altered, password)),
                altered -> gpg.decrypt(altered, password).content(), List.of());
    }

    @Test
    void everyFlippedBitOfAFileForAnRsaKeyFailsToDecrypt() throws Exception {
        assertAlterationsFail(recipient(rsa).encryption().encrypt(CONTENT, "export.csv"), rsa, List.of());
    }

    @Test
    void everyFlippedBitOfAFileForACurve25519KeyFailsToDecryptButGpgIgnoresThePointPrefix() throws Exception {
        byte[] file = recipient(curve25519).encryption().encrypt(CONTENT, "export.csv");
        // The public-key session key packet: new-format tag, a one-octet length (it is short), then
        // version (1), key id (8), algorithm (1), the ephemeral point as an MPI: bit count (2), the
        // prefix 0x40 that marks a native Curve25519 point, and its 32 octets.
        assertThat(file[0]).isEqualTo((byte) 0xC1);
        assertThat(file[14]).isEqualTo((byte) 0x40);

        assertAlterationsFail(file, curve25519,
                List.of(new BitFlips.Field("point prefix, not checked by gpg", 14, 15)));
    }

    @Test
    void theFileNameMustFitTheLiteralDataPacket() throws Exception {
        ExportEncryption encryption = OpenPgpEncryption.withPassword(password);

        for (String name : List.of("", "../export.csv", "dir/export.csv", "c:\\export.csv", "export\n.csv",
                "x".repeat(256), "輸".repeat(86))) {
            assertThatThrownBy(() -> encryption.encrypt(CONTENT, name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255 bytes in UTF-8");
        }
        String longest = "輸".repeat(85);
        assertThat(gpg.decrypt(encryption.encrypt(CONTENT, longest), password).status()).contains(" " + longest + "\n");
    }

    @Test
    void thePasswordAppearsInNoTextAndAShortOneIsRefused() {
        ExportEncryption encryption = OpenPgpEncryption.withPassword(password);

        assertThat(encryption.toString()).isEqualTo("OpenPgpEncryption[openpgp-password]")
                .doesNotContain(new String(password));
        assertThat(encryption.method().mediaType()).isEqualTo("application/pgp-encrypted");
        assertThat(encryption.method().fileExtension()).isEqualTo(".gpg");
        assertThatThrownBy(() -> OpenPgpEncryption.withPassword("short-secret".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short-secret")
                .hasMessage("an export password needs at least 16 characters; use ExportPassword.generate for one");
    }

    private static void assertAlterationsFail(byte[] file, String key, List<BitFlips.Field> unauthenticated) {
        byte[] secretKey = gpg.exportSecret(key);

        BitFlips.assertAlterationsFail(file, CONTENT, altered -> Optional.of(Decryptions.openPgp(altered, secretKey)),
                altered -> gpg.decrypt(altered, NO_PASSWORD).content(), unauthenticated);
    }

    private static ExportRecipient recipient(String fingerprint) throws Exception {
        Path file = Files.write(dir.resolve(fingerprint + ".asc"), gpg.exportPublic(fingerprint, true));
        return ExportRecipient.read(file, Clock.systemUTC());
    }
}
