package org.sekimori.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WrittenItemsTest {

    @Test
    void ofWhenObjectThenTopLevelNamesDecodedAndNestedOnesIgnored() throws Exception {
        assertThat(WrittenItems.of(utf8("{\"age\":3,\"n\\u0061me\":\"x\",\"device\":{\"id\":\"d\"},\"age\":4}")))
                .containsExactly("age", "name", "device");
    }

    @Test
    void ofWhenNotOneObjectThenSaysSoWithoutQuotingTheBody() {
        assertThatThrownBy(() -> WrittenItems.of(utf8("[{\"secret\":1}]")))
                .hasMessage("The body must be one JSON object whose members are the record's data items.");
        assertThatThrownBy(() -> WrittenItems.of(utf8("{\"a\":1} {\"b\":2}")))
                .hasMessage("The body has content after its JSON object.");
        assertThatThrownBy(() -> WrittenItems.of(utf8("{\"secret-value\":")))
                .hasMessageStartingWith("The body is not valid JSON (line 1, column").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> WrittenItems.of(new byte[0]))
                .hasMessage("The body must be one JSON object whose members are the record's data items.");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
