package org.sekimori.policy.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sekimori.policy.mask.Fixtures.PSEUDONYMS;
import static org.sekimori.policy.mask.Fixtures.followup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodyMaskerTest {

    @Test
    void ofWhenJsonShapeThenJsonMaskerForThatShape() {
        BodyMasker page = BodyMasker.of(followup(Map.of("id", Treatment.SHOW)), PSEUDONYMS, BodyShape.PAGE);

        assertThat(page).isInstanceOf(JsonMasker.class);
        assertThat(Fixtures.text(page.mask(Fixtures.utf8("{\"items\":[{\"id\":\"F1\"}]}"))))
                .isEqualTo("{\"items\":[{\"id\":\"F1\"}]}");
        assertThat(BodyMasker.of(followup(Map.of()), PSEUDONYMS, BodyShape.RECORD)).isInstanceOf(JsonMasker.class);
    }

    @Test
    void ofWhenShapeNoneThenIllegalArgument() {
        assertThatThrownBy(() -> BodyMasker.of(followup(Map.of()), PSEUDONYMS, BodyShape.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a body of shape NONE holds no records to mask");
    }

    @Test
    void ofWhenArgumentMissingThenNullPointer() {
        assertThatThrownBy(() -> BodyMasker.of(followup(Map.of()), null, BodyShape.PAGE))
                .isInstanceOf(NullPointerException.class).hasMessage("pseudonymiser");
        assertThatThrownBy(() -> BodyMasker.of(null, PSEUDONYMS, BodyShape.CSV))
                .isInstanceOf(NullPointerException.class).hasMessage("obligations");
    }

    @Test
    void maskWhenWritingFailsThenUncheckedIoException() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        BodyMasker masker = BodyMasker.of(followup(Map.of("id", Treatment.SHOW)), PSEUDONYMS, BodyShape.RECORD);

        assertThatThrownBy(() -> masker.mask(new ByteArrayInputStream(Fixtures.utf8("{\"id\":\"F1\"}")), failing))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("broken pipe");
    }

    @Test
    void maskReportWhenBuiltThenItemsSortedAndCopiesImmutable() {
        MaskReport report = new MaskReport(1, 0, List.of("F1"), Set.of("sex", "age", "id"));

        assertThat(report.itemsSeen()).containsExactly("age", "id", "sex");
        assertThatThrownBy(() -> report.itemsSeen().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new MaskReport(-1, 0, List.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
