package org.sekimori.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B, the SHA-1 rows (eight digits). */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void codeWhenRfc6238VectorsThenSameCodes(long seconds, String expected) {
        Totp eightDigits = new Totp(0, 8);

        assertThat(eightDigits.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(expected);
    }

    @Test
    void verifyWhenCodeOfAdjacentStepThenAcceptedWithinWindowOnly() {
        Totp totp = new Totp(1);
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        long step = Totp.step(now);

        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 1), now, 0)).hasValue(step - 1);
        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 1), now, 0)).hasValue(step + 1);
        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 2), now, 0)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 2), now, 0)).isEmpty();
    }

    @Test
    void verifyWhenStepAlreadyUsedOrOlderThenRefused() {
        Totp totp = new Totp(1);
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        long step = Totp.step(now);
        String code = totp.code(RFC_SECRET, step);

        OptionalLong first = totp.verify(RFC_SECRET, code, now, 0);

        assertThat(first).hasValue(step);
        assertThat(totp.verify(RFC_SECRET, code, now, first.getAsLong())).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 1), now, step)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 1), now, step)).hasValue(step + 1);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "12345", "1234567", "12345a", "' 12345'", "NULL"}, nullValues = "NULL")
    void verifyWhenNotSixDigitsThenRefused(String typed) {
        assertThat(new Totp(1).verify(RFC_SECRET, typed, Instant.now(), 0)).isEmpty();
    }

    @Test
    void base32WhenRfc4648VectorsThenRoundTrip() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
        String secret = Totp.newSecret(new SecureRandom());
        assertThat(secret).hasSize(32);
        assertThat(Base32.decode(secret)).hasSize(Totp.SECRET_BYTES);
    }

    @Test
    void recoveryCodesWhenGeneratedThenDistinctReadableAndMatchedOnlyByThemselves() {
        List<String> codes = RecoveryCodes.generate(10, new SecureRandom());

        assertThat(new HashSet<>(codes)).hasSize(10);
        assertThat(codes).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        String first = codes.get(0);
        assertThat(RecoveryCodes.hash(first.toUpperCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(first));
        assertThat(RecoveryCodes.hash(codes.get(1))).isNotEqualTo(RecoveryCodes.hash(first));
        assertThat(RecoveryCodes.hash(first)).doesNotContain(first.replace("-", ""));
    }
}
