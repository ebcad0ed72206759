package org.sekimori.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedTextTest {

    static final String JUSTIFICATION = "住民が呼吸困難を訴えており、至急確認が必要。";

    @TempDir
    Path dir;

    @Test
    void sealedTextOpensToWhatWasSealedAndShowsNothingOfIt() throws IOException {
        SealedText sealing = SealedText.loadOrCreate(dir.resolve("sealing.key"), new SecureRandom());

        String sealed = sealing.seal(JUSTIFICATION);

        assertThat(sealed).startsWith("k1:").doesNotContain("呼吸");
        assertThat(sealing.seal(JUSTIFICATION)).isNotEqualTo(sealed); // a fresh nonce each time
        assertThat(sealing.open(sealed)).isEqualTo(JUSTIFICATION);
    }

    @Test
    void anAlteredSealedTextOrAnotherKeyDoesNotOpen() throws IOException {
        SealedText sealing = SealedText.loadOrCreate(dir.resolve("a.key"), new SecureRandom());
        SealedText other = SealedText.loadOrCreate(dir.resolve("b.key"), new SecureRandom());
        String sealed = sealing.seal(JUSTIFICATION);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> sealing.open("k1:" + Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealing.open("k2:" + sealed.substring(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key other than k1");
        assertThatThrownBy(() -> sealing.open("k1:AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
