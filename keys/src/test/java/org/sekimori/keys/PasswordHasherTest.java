package org.sekimori.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = PasswordHasher.recommended();

    @Test
    void verifyWhenHashMadeByTheReferenceArgon2CommandThenAccepted() {
        // Made by the reference implementation's CLI (Debian package argon2):
        // echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                + "QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM";

        assertThat(hasher.verify("correct horse battery staple".toCharArray(), reference)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler".toCharArray(), reference)).isFalse();
    }

    @Test
    void hashWhenVerifiedWithSamePasswordThenAcceptedAndOtherwiseRefused() {
        String hash = hasher.hash("ユーザー用パスワード-2026".toCharArray());

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("ユーザー用パスワード-2026".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("ユーザー用パスワード-2027".toCharArray(), hash)).isFalse();
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsDiffer() {
        assertThat(hasher.hash("same-password-1".toCharArray()))
                .isNotEqualTo(hasher.hash("same-password-1".toCharArray()));
    }

    @Test
    void verifyWhenStoredHashIsMalformedThenFalseRatherThanException() {
        for (String malformed : new String[] {null, "", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$***$***", "$argon2id$v=19$m=4,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"}) {
            assertThat(hasher.verify("x".toCharArray(), malformed)).as(String.valueOf(malformed)).isFalse();
        }
    }

    @Test
    void verifyWhenPasswordLongerThanLimitThenFalse() {
        String hash = hasher.hash("p".repeat(PasswordHasher.MAX_PASSWORD_CHARS).toCharArray());

        assertThat(hasher.verify("p".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1).toCharArray(), hash)).isFalse();
        assertThatThrownBy(() -> hasher.hash("p".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1).toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 256 characters");
    }

    @Test
    void needsRehashWhenParametersChangedThenTrue() {
        String cheap = new PasswordHasher(new Argon2Parameters(8_192, 1, 1), new SecureRandom()).hash("pw".toCharArray());

        assertThat(hasher.needsRehash(cheap)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw".toCharArray()))).isFalse();
    }

    @Test
    void parametersWhenOutOfBoundsThenRefusedWithTheAllowedRange() {
        assertThatThrownBy(() -> new Argon2Parameters(4_000_000, 2, 1))
                .hasMessage("Argon2 memory must be 8×parallelism to 1048576 KiB, not 4000000");
        assertThatThrownBy(() -> new Argon2Parameters(19_456, 0, 1))
                .hasMessage("Argon2 iterations must be 1 to 10, not 0");
    }
}
