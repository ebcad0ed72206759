package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "=1+1|'=1+1",
        "+cmd|'+cmd",
        "-2|'-2",
        "@SUM(A1)|'@SUM(A1)",
        "curl/8.0|curl/8.0"})
    void aCellASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe(String value, String rendered) {
        assertThat(CsvReport.inert(value)).isEqualTo(rendered);
    }

    @Test
    void lineBreaksControlsAndBidiOverridesBecomeVisibleEscapes() {
        assertThat(CsvReport.inert("a\r\nb\u0000c\u202Ed\u2066e\u2028f\u0085g"))
                .isEqualTo("a\\u000D\\u000Ab\\u0000c\\u202Ed\\u2066e\\u2028f\\u0085g");
    }

    @Test
    void japaneseTextIsLeftAsItIs() {
        assertThat(CsvReport.inert("福島県 相馬市")).isEqualTo("福島県 相馬市");
    }
}
