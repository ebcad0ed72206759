package org.sekimori.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {

    private static final byte[] JSON = "{\"id\":\"F00001\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void decodeWhenIdentityOrNoneThenSameBytes() throws Exception {
        assertThat(ContentDecoding.decode(null, JSON, 100)).isSameAs(JSON);
        assertThat(ContentDecoding.decode("Identity", JSON, 100)).isSameAs(JSON);
    }

    @Test
    void decodeWhenGzipOrDeflateThenPlain() throws Exception {
        assertThat(ContentDecoding.decode("gzip", gzip(JSON), 100)).isEqualTo(JSON);
        assertThat(ContentDecoding.decode("deflate", deflate(JSON), 100)).isEqualTo(JSON);
    }

    @Test
    void decodeWhenSmallGzipExpandsPastTheLimitThenRefusedWithoutReadingItAll() throws IOException {
        byte[] bomb = gzip(new byte[10_000_000]);

        assertThat(bomb.length).isLessThan(20_000);
        assertThatThrownBy(() -> ContentDecoding.decode("gzip", bomb, 1_000_000))
                .isInstanceOf(ContentDecoding.Refused.class)
                .hasMessage("The data system's compressed answer is larger than 1000000 bytes once decoded, too "
                        + "large to mask.");
    }

    @Test
    void decodeWhenCorruptOrUnknownCodingThenRefused() {
        assertThatThrownBy(() -> ContentDecoding.decode("gzip", JSON, 100))
                .hasMessage("The data system's compressed answer is corrupt.");
        assertThatThrownBy(() -> ContentDecoding.decode("br", JSON, 100)).hasMessage("The data system answered "
                + "with content coding 'br', which the gateway cannot decode to mask; it must send identity, gzip or "
                + "deflate.");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zip = new DeflaterOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }
}
