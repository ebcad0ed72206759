package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipients' OpenPGP keys as gpg makes them, and the ones that must be refused. */
class OpenPgpRecipientTest {

    static final byte[] CONTENT = OpenPgpEncryptionTest.CONTENT;

    @TempDir
    static Path dir;
    static Gpg gpg;
    static String current;

    @BeforeAll
    static void recipientsMakeTheirKeys() throws Exception {
        gpg = new Gpg(dir.resolve("gnupg"));
        current = gpg.generate("Current <current@example.org>", "future-default", "default", "never");
    }

    @AfterAll
    static void stopTheAgent() {
        gpg.close();
    }

    @Test
    void aKeyReadsArmoredOrBinaryAndIsNamedByTheFingerprintGpgShows() throws Exception {
        ExportRecipient armored = ExportRecipient.read(write("armored.asc", gpg.exportPublic(current, true)),
                Clock.systemUTC());
        ExportRecipient binary = ExportRecipient.read(write("binary.gpg", gpg.exportPublic(current, false)),
                Clock.systemUTC());

        assertThat(armored).isInstanceOf(OpenPgpRecipient.class);
        assertThat(armored.fingerprint()).isEqualTo(current).matches("[0-9A-F]{40}");
        assertThat(binary.fingerprint()).isEqualTo(current);
        assertThat(armored.encryption().method().id()).isEqualTo("openpgp-public-key");
        assertThat(armored).hasToString("OpenPgpRecipient[" + current + " from " + dir.resolve("armored.asc") + "]");
    }

    @Test
    void exportsGoToTheNewestEncryptionSubkey() throws Exception {
        String key = gpg.generate("Two Subkeys <two@example.org>", "future-default", "default", "never");
        Thread.sleep(1100); // a later creation time, in whole seconds
        gpg.addSubkey(key, "cv25519", "encr", "never");
        String newest = gpg.subkeys(key).get(1);

        byte[] file = ExportRecipient.read(write("two.asc", gpg.exportPublic(key, true)), Clock.systemUTC())
                .encryption().encrypt(CONTENT, "export.csv");

        assertThat(gpg.decrypt(file, new char[0]).status()).contains("[GNUPG:] ENC_TO " + newest.substring(24) + " ");
    }

    @Test
    void aKeyWithoutAnEncryptionKeyIsRefused() throws Exception {
        String signOnly = gpg.generate("Sign Only <sign@example.org>", "ed25519", "sign", "never");

        assertRefused("sign-only.asc", gpg.exportPublic(signOnly, true), Clock.systemUTC(),
                ": the OpenPGP key " + signOnly + " has no key for encryption (gpg --list-keys shows none marked [E]); "
                        + "ask the recipient for a key with an encryption subkey");
    }

    @Test
    void aKeyWhoseOnlyEncryptionSubkeyExpiredIsRefused() throws Exception {
        String key = gpg.generate("Old Subkey <old@example.org>", "ed25519", "sign", "never", "--faked-system-time",
                "20191201T000000!");
        gpg.addSubkey(key, "cv25519", "encr", "1d", "--faked-system-time", "20200101T000000!");

        assertRefused("old-subkey.asc", gpg.exportPublic(key, true), Clock.systemUTC(),
                ": the OpenPGP key " + key + " has no valid key for encryption: each is expired, revoked or too weak; "
                        + "ask the recipient for their current key");
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        String expired = gpg.generate("Expired <expired@example.org>", "future-default", "default", "1d",
                "--faked-system-time", "20200101T000000!");

        assertRefused("expired.asc", gpg.exportPublic(expired, true), Clock.systemUTC(),
                ": the OpenPGP key " + expired + " expired at 2020-01-02T00:00:00Z; ask the recipient for their "
                        + "current key (or to extend it)");
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        String revoked = gpg.generate("Revoked <revoked@example.org>", "future-default", "default", "never");
        gpg.revoke(revoked);

        assertRefused("revoked.asc", gpg.exportPublic(revoked, true), Clock.systemUTC(),
                ": the OpenPGP key " + revoked + " has been revoked; ask the recipient for their current key");
    }

    @Test
    void aKeyThatExpiresAfterStartupStopsExports() throws Exception {
        String shortLived = gpg.generate("Short <short@example.org>", "future-default", "default", "2d");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = ((InstantSource) now::get).withZone(ZoneOffset.UTC);
        ExportEncryption encryption = ExportRecipient.read(write("short.asc", gpg.exportPublic(shortLived, true)),
                clock).encryption();
        assertThat(gpg.decrypt(encryption.encrypt(CONTENT, "export.csv"), new char[0]).content()).hasValue(CONTENT);

        now.set(Instant.now().plus(Duration.ofDays(3)));

        assertThatThrownBy(() -> encryption.encrypt(CONTENT, "export.csv")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the OpenPGP key " + shortLived + " from " + dir.resolve("short.asc")
                        + " expired at ");
    }

    @Test
    void aSecretKeyTwoKeysOrNoKeyAreRefusedNamingTheFile() throws Exception {
        byte[] two = (new String(gpg.exportPublic(current, true), StandardCharsets.US_ASCII)
                + new String(gpg.exportPublic(current, true), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);

        assertRefused("secret.gpg", gpg.exportSecret(current), Clock.systemUTC(), " holds a secret key; register "
                + "only the recipient's public key (gpg --export), the secret key stays with the recipient");
        assertRefused("two.asc", two, Clock.systemUTC(),
                " holds 2 OpenPGP keys; register one recipient's public key per file");
        assertRefused("cut.gpg", Arrays.copyOf(gpg.exportPublic(current, false), 40), Clock.systemUTC(),
                " holds no readable OpenPGP public key: ");
        assertRefused("notes.txt", "the key is on the USB stick".getBytes(StandardCharsets.US_ASCII),
                Clock.systemUTC(), " holds neither an OpenPGP public key nor an X.509 certificate");
    }

    private static void assertRefused(String name, byte[] content, Clock clock, String message) throws IOException {
        Path file = write(name, content);
        assertThatThrownBy(() -> ExportRecipient.read(file, clock)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + message);
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
