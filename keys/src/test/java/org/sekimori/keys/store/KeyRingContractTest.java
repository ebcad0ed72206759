package org.sekimori.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.CheckpointSigningKey;
import org.sekimori.keys.PseudonymKey;
import org.sekimori.keys.Pseudonyms;
import org.sekimori.keys.store.KeyEvent.Kind;

/** What every key store does, whichever backend holds its secrets: run once per backend by a subclass. */
abstract class KeyRingContractTest {

    static final byte[] MESSAGE = "chain gw1, seq 1000, head 00ff".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

    @TempDir
    Path dir;

    final List<KeyEvent> events = new ArrayList<>();

    /** The backend under test, opened anew each time on the same file or token. */
    abstract KeyBackend openBackend() throws Exception;

    /** Opens the same store with a wrong password or PIN. */
    abstract void openWithWrongSecret() throws Exception;

    /** What the refusal of a wrong password or PIN says, to tell the operator what to fix. */
    abstract String wrongSecretAdvice();

    KeyRings rings(KeyBackend backend) {
        return new KeyRings(backend, dir.resolve("keys"), events::add, Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom());
    }

    Path legacy(String name) {
        return dir.resolve("keys").resolve(name);
    }

    CheckpointKeyRing checkpoints(KeyBackend backend) throws Exception {
        return rings(backend).checkpointSigning(legacy("checkpoint.key"));
    }

    PseudonymKeyRing pseudonyms(KeyBackend backend) throws Exception {
        return rings(backend).pseudonyms(legacy("audit-pseudonym.key"));
    }

    /** Saves the ring {@code open} opens with k1 rotated out and retired: k2 is active. */
    void retireK1(RingOpener open) throws Exception {
        try (KeyBackend backend = openBackend()) {
            KeyRing ring = open.ring(backend);
            ring.rotate();
            ring.retire("k1");
        }
    }

    interface RingOpener {
        KeyRing ring(KeyBackend backend) throws Exception;
    }

    @Test
    void firstOpenMakesKeyK1ActiveForEachPurposeAndReportsIt() throws Exception {
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            PseudonymKeyRing pseudonyms = pseudonyms(backend);

            assertThat(checkpoints.ring().keys()).containsExactly(new KeyDescription("k1", KeyState.ACTIVE, NOW));
            assertThat(pseudonyms.ring().keys()).containsExactly(new KeyDescription("k1", KeyState.ACTIVE, NOW));
            assertThat(checkpoints.signingKey().id()).isEqualTo("k1");
            assertThat(new Pseudonyms(pseudonyms).pseudonym("session", "s1")).matches("k1:[a-z2-7]{26}");
            assertThat(events).containsExactly(
                    new KeyEvent(Kind.CREATED, KeyPurpose.CHECKPOINT_SIGNING, "k1", KeyState.ACTIVE),
                    new KeyEvent(Kind.CREATED, KeyPurpose.PSEUDONYM, "k1", KeyState.ACTIVE));
        }
    }

    @Test
    void rotateMakesK2ActiveAndK1VerifyOnlyAndReportsBoth() throws Exception {
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            events.clear();

            KeyDescription created = checkpoints.ring().rotate();

            assertThat(created).isEqualTo(new KeyDescription("k2", KeyState.ACTIVE, NOW));
            assertThat(checkpoints.ring().keys()).containsExactly(
                    new KeyDescription("k1", KeyState.VERIFY_ONLY, NOW), new KeyDescription("k2", KeyState.ACTIVE, NOW));
            assertThat(checkpoints.signingKey().id()).isEqualTo("k2");
            assertThat(events).containsExactly(
                    new KeyEvent(Kind.CREATED, KeyPurpose.CHECKPOINT_SIGNING, "k2", KeyState.ACTIVE),
                    new KeyEvent(Kind.ROTATED, KeyPurpose.CHECKPOINT_SIGNING, "k1", KeyState.VERIFY_ONLY));
        }
    }

    @Test
    void whatK1SignedStillVerifiesAfterRotationAndAfterK1IsRetired() throws Exception {
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            byte[] byK1 = checkpoints.signingKey().sign(MESSAGE);

            checkpoints.ring().rotate();
            assertThat(verifiedBy(checkpoints.publicKeys(), byK1)).containsExactly("k1");
            checkpoints.ring().retire("k1");

            assertThat(checkpoints.ring().keys()).extracting(KeyDescription::state)
                    .containsExactly(KeyState.RETIRED, KeyState.ACTIVE);
            assertThat(verifiedBy(checkpoints.publicKeys(), byK1)).containsExactly("k1");
            assertThat(verifiedBy(checkpoints.publicKeys(), checkpoints.signingKey().sign(MESSAGE)))
                    .containsExactly("k2");
            assertThat(backend.aliases()).doesNotContain("checkpoint-k1").contains("checkpoint-k2");
            assertThat(events).contains(new KeyEvent(Kind.RETIRED, KeyPurpose.CHECKPOINT_SIGNING, "k1", KeyState.RETIRED));
        }
    }

    @Test
    void aVerifyOnlyPseudonymKeyStillComputesForSearchAndIsRefusedOnceRetired() throws Exception {
        try (KeyBackend backend = openBackend()) {
            PseudonymKeyRing keys = pseudonyms(backend);
            Pseudonyms pseudonyms = new Pseudonyms(keys);
            String byK1 = pseudonyms.pseudonym("subject/followup", "F00001");

            keys.ring().rotate();
            String byK2 = pseudonyms.pseudonym("subject/followup", "F00001");

            assertThat(byK2).startsWith("k2:").isNotEqualTo(byK1);
            assertThat(pseudonyms.searchable("subject/followup", "F00001")).containsExactly(byK2, byK1);
            assertThat(new Pseudonyms(keys.key("k1")).pseudonym("subject/followup", "F00001")).isEqualTo(byK1);

            keys.ring().retire("k1");

            assertThat(pseudonyms.searchable("subject/followup", "F00001")).containsExactly(byK2);
            assertThatThrownBy(() -> keys.key("k1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pseudonym key k1 is retired: its secret was destroyed, and the pseudonyms it made "
                            + "can no longer be recomputed");
            assertThat(backend.aliases()).doesNotContain("pseudonym-k1");
        }
    }

    @Test
    void retiringTheActiveKeyIsRefusedNamingTheFix() throws Exception {
        try (KeyBackend backend = openBackend()) {
            PseudonymKeyRing keys = pseudonyms(backend);

            assertThatThrownBy(() -> keys.ring().retire("k1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("k1 is the active pseudonym key: rotate first, so that another key takes over, then "
                            + "retire k1");
            assertThatThrownBy(() -> keys.ring().retire("k7")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no pseudonym key k7; there are [k1]");
            assertThat(keys.ring().active().id()).isEqualTo("k1");
        }
    }

    @Test
    void idsAreNeverGivenTwiceAcrossRetirementAndReopening() throws Exception {
        retireK1(backend -> pseudonyms(backend).ring());
        try (KeyBackend backend = openBackend()) {
            KeyRing ring = pseudonyms(backend).ring();

            assertThat(ring.rotate().id()).isEqualTo("k3");
            assertThat(ring.keys()).extracting(KeyDescription::id).containsExactly("k1", "k2", "k3");
        }
    }

    @Test
    void reopeningGivesTheSameKeys() throws Exception {
        String pseudonym;
        String verifyOnlyPseudonym;
        List<CheckpointPublicKey> publicKeys;
        byte[] signature;
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            PseudonymKeyRing keys = pseudonyms(backend);
            checkpoints.ring().rotate();
            keys.ring().rotate();
            pseudonym = new Pseudonyms(keys).pseudonym("session", "s1");
            verifyOnlyPseudonym = new Pseudonyms(keys.key("k1")).pseudonym("session", "s1");
            publicKeys = checkpoints.publicKeys();
            signature = checkpoints.signingKey().sign(MESSAGE);
        }
        events.clear();
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            PseudonymKeyRing keys = pseudonyms(backend);

            assertThat(new Pseudonyms(keys).searchable("session", "s1")).containsExactly(pseudonym, verifyOnlyPseudonym);
            assertThat(checkpoints.publicKeys()).extracting(CheckpointPublicKey::toPem)
                    .isEqualTo(publicKeys.stream().map(CheckpointPublicKey::toPem).toList());
            assertThat(checkpoints.signingKey().sign(MESSAGE)).isEqualTo(signature);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void aWrongPasswordOrPinIsRefusedSayingWhatToSet() throws Exception {
        try (KeyBackend backend = openBackend()) {
            pseudonyms(backend);
        }

        assertThatThrownBy(this::openWithWrongSecret).isInstanceOf(IOException.class)
                .hasMessageContaining(wrongSecretAdvice());
    }

    @Test
    void theKeyFilesOfEarlierVersionsAreTakenInUnderTheirIds() throws Exception {
        Files.createDirectories(legacy("x").getParent());
        Files.writeString(legacy("checkpoint.key"), "a7\n" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
        CheckpointSigningKey oldSigning = CheckpointSigningKey.loadOrCreate(legacy("checkpoint.key"), new SecureRandom());
        String oldPseudonym = new Pseudonyms(PseudonymKey.loadOrCreate(legacy("audit-pseudonym.key"),
                new SecureRandom())).pseudonym("login", "alice");
        byte[] oldSignature = oldSigning.sign(MESSAGE);

        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            PseudonymKeyRing keys = pseudonyms(backend);

            assertThat(checkpoints.signingKey().id()).isEqualTo("a7");
            assertThat(verifiedBy(checkpoints.publicKeys(), oldSignature)).containsExactly("a7");
            assertThat(new Pseudonyms(keys).pseudonym("login", "alice")).isEqualTo(oldPseudonym);
            assertThat(events).containsExactly(
                    new KeyEvent(Kind.IMPORTED, KeyPurpose.CHECKPOINT_SIGNING, "a7", KeyState.ACTIVE),
                    new KeyEvent(Kind.IMPORTED, KeyPurpose.PSEUDONYM, "k1", KeyState.ACTIVE));
            assertThat(checkpoints.ring().rotate().id()).isEqualTo("k1");
            assertThat(keys.ring().rotate().id()).isEqualTo("k2");
        }
    }

    @Test
    void aRingFileChangedOutsideSekimoriIsRefused() throws Exception {
        retireK1(backend -> pseudonyms(backend).ring());
        Path file = dir.resolve("keys/pseudonym.ring");
        Files.writeString(file, Files.readString(file).replace("k1 retired", "k1 verify-only"));

        try (KeyBackend backend = openBackend()) {
            assertThatThrownBy(() -> pseudonyms(backend))
                    .isInstanceOf(IOException.class).hasMessage(file + " was changed outside Sekimori (its seal does "
                            + "not match): restore it from a backup");
        }
    }

    @Test
    void aChangedCharacterAnywhereInTheRingFileIsRefused() throws Exception {
        try (KeyBackend backend = openBackend()) {
            checkpoints(backend).ring().rotate();
        }
        Path file = dir.resolve("keys/checkpoint.ring");
        String sealed = Files.readString(file);

        try (KeyBackend backend = openBackend()) {
            // The purpose in the header, a state, a time, a public key, the seal.
            for (String region : List.of("checkpoint\n", "active", "09:00", "Z [A-Za-z0-9+/]{2}", "\nseal ..")) {
                Matcher found = Pattern.compile(region).matcher(sealed);
                assertThat(found.find()).as(region).isTrue();
                int at = found.end() - 2;
                char changed = sealed.charAt(at) == 'x' ? 'y' : 'x';
                Files.writeString(file, sealed.substring(0, at) + changed + sealed.substring(at + 1));

                assertThatThrownBy(() -> checkpoints(backend)).as(region)
                        .isInstanceOf(IOException.class).hasMessageStartingWith(file.toString());
            }
        }
    }

    @Test
    void aLostRingFileIsRefusedRatherThanOverwritingTheKeysItListed() throws Exception {
        try (KeyBackend backend = openBackend()) {
            checkpoints(backend);
        }
        Path file = dir.resolve("keys/checkpoint.ring");
        Files.delete(file);

        try (KeyBackend backend = openBackend()) {
            assertThatThrownBy(() -> checkpoints(backend))
                    .isInstanceOf(IOException.class).hasMessageEndingWith("holds [checkpoint-k1] but " + file
                            + " is missing: restore it from a backup (a new ring would destroy those keys)");
        }
    }

    @Test
    void exportingAPublicPartGivesItsPemAndIsReported() throws Exception {
        try (KeyBackend backend = openBackend()) {
            CheckpointKeyRing checkpoints = checkpoints(backend);
            checkpoints.ring().rotate();
            checkpoints.ring().retire("k1");
            events.clear();

            String pem = checkpoints.exportPublicKey("k1");

            assertThat(pem).startsWith("# key id: k1\n-----BEGIN PUBLIC KEY-----\n");
            assertThat(events).containsExactly(
                    new KeyEvent(Kind.PUBLIC_PART_EXPORTED, KeyPurpose.CHECKPOINT_SIGNING, "k1", KeyState.RETIRED));
        }
    }

    @Test
    void theRingFilesAreOwnerOnly() throws Exception {
        try (KeyBackend backend = openBackend()) {
            pseudonyms(backend);
        }

        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/pseudonym.ring")))
                .map(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    private static List<String> verifiedBy(List<CheckpointPublicKey> keys, byte[] signature) {
        return keys.stream().filter(key -> key.verifies(MESSAGE, signature)).map(CheckpointPublicKey::id).toList();
    }
}
