package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class CanonicalJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bytesWhenMembersInAnyOrderAndWhiteSpaceThenSortedAndCompact() {
        String canonical = new String(CanonicalJson.bytes(JSON.readTree(
                "{ \"b\" : [1, true, null], \"a\" : \"x\\u001fy\\n\", \"\\u00e9\": {} }")), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"a\":\"x\\u001fy\\n\",\"b\":[1,true,null],\"é\":{}}");
    }

    @Test
    void bytesWhenLoneSurrogateThenEscapedNotAQuestionMark() {
        byte[] lone = CanonicalJson.bytes(JsonNodeFactory.instance.stringNode("a\uD800"));
        byte[] question = CanonicalJson.bytes(JsonNodeFactory.instance.stringNode("a?"));

        assertThat(lone).isNotEqualTo(question);
        assertThat(new String(lone, StandardCharsets.UTF_8)).isEqualTo("\"a\\ud800\"");
    }

    @Test
    void bytesWhenSurrogatePairThenItsUtf8() {
        byte[] pair = CanonicalJson.bytes(JsonNodeFactory.instance.stringNode("\uD83D\uDE00"));

        assertThat(pair).isEqualTo("\"\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesWhenFractionThenRefused() {
        assertThatThrownBy(() -> CanonicalJson.bytes(JSON.readTree("{\"n\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integers only");
    }
}
