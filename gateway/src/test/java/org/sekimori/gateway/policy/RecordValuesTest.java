package org.sekimori.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordValuesTest {

    @Test
    void ofWhenItemOnceThenItsText() {
        assertThat(RecordValues.of(utf8("{\"id\":\"F1\",\"residenceArea\":\"相馬市\"}"), "residenceArea"))
                .containsExactly("相馬市");
    }

    @Test
    void ofWhenItemRepeatedOrEscapedThenEveryOccurrence() {
        assertThat(RecordValues.of(utf8("{\"area\":\"a\",\"\\u0061rea\":\"b\",\"area\":7}"), "area"))
                .containsExactly("a", "b", "7");
    }

    @Test
    void ofWhenItemIsAStructureOrNullThenNull() {
        assertThat(RecordValues.of(utf8("{\"area\":[\"a\"],\"x\":{\"area\":\"b\"},\"area\":null}"), "area"))
                .containsExactly(null, null);
    }

    @Test
    void ofWhenAbsentThenNoValues() {
        assertThat(RecordValues.of(utf8("{\"id\":\"F1\"}"), "area")).isEmpty();
    }

    @Test
    void ofWhenNotARecordThenASingleNull() {
        assertThat(RecordValues.of(utf8("[1]"), "area")).containsExactly((String) null);
        assertThat(RecordValues.of(utf8("{\"area\":"), "area")).isEqualTo(Arrays.asList((String) null));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
