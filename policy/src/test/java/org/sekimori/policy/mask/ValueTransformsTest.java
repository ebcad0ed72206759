package org.sekimori.policy.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTransformsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "090-555-1619 | 4 | ********1619",
        "abc          | 0 | ***",
        "abcd         | 4 | ****",
        "abc          | 4 | ***",
        "大竹 結衣      | 2 | ***結衣",
        "a😀b😀        | 2 | **b😀",
        "😀😀😀         | 1 | **😀"})
    void maskWhenTextThenCodePointsCountedNotChars(String text, int keepLast, String masked) {
        assertThat(ValueTransforms.mask(text, keepLast)).isEqualTo(masked);
    }

    @Test
    void maskWhenEmptyThenEmpty() {
        assertThat(ValueTransforms.mask("", 4)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0,10,0-9", "9,10,0-9", "10,10,10-19", "37,10,30-39", "99,10,90-99", "37,5,35-39", "37,2,36-37",
        "120,50,100-149", "2147483647,10,2147483640-2147483649"})
    void ageBandWhenWholeNumberThenTheBandItFallsIn(long age, int width, String band) {
        assertThat(ValueTransforms.ageBand("age", age, new Treatment.AgeBand(width))).isEqualTo(band);
    }

    @Test
    void ageBandOfTextWhenDigitsThenBandElseError() {
        Treatment.AgeBand band = new Treatment.AgeBand(10);

        assertThat(ValueTransforms.ageBandOfText("age", "037", band)).isEqualTo("30-39");
        assertThatThrownBy(() -> ValueTransforms.ageBandOfText("age", "", band))
                .hasMessage("item 'age' is text that is not a whole number; age-band-10 needs a whole number");
        assertThatThrownBy(() -> ValueTransforms.ageBandOfText("age", "-", band))
                .hasMessage("item 'age' is text that is not a whole number; age-band-10 needs a whole number");
        assertThatThrownBy(() -> ValueTransforms.ageBandOfText("age", " 37", band))
                .hasMessage("item 'age' is text that is not a whole number; age-band-10 needs a whole number");
        assertThatThrownBy(() -> ValueTransforms.ageBandOfText("age", "3000000000", band))
                .hasMessage("item 'age' is a number too large to be an age; age-band-10 needs a whole number");
        assertThatThrownBy(() -> ValueTransforms.ageBandOfText("age", "３７", band))
                .hasMessage("item 'age' is text that is not a whole number; age-band-10 needs a whole number");
    }

    @ParameterizedTest
    @CsvSource({"2021-04-09T03:26:42Z,2021-04", "2021-04-09,2021-04", "2021-04,2021-04", "2021-12-31,2021-12",
        "0001-01-01,0001-01"})
    void monthWhenDateOrDateTimeThenYearAndMonth(String text, String month) {
        assertThat(ValueTransforms.month("d", text)).isEqualTo(month);
    }

    @ParameterizedTest
    @CsvSource({"2021-00-01", "2021-13", "2021-4-09", "21-04-09", "2021/04/09", "2021-04T00:00", "２０２１-04", "''",
        "April 2021"})
    void monthWhenNotStartingWithYearAndMonthThenError(String text) {
        assertThatThrownBy(() -> ValueTransforms.month("d", text)).isInstanceOf(UnmaskableBodyException.class)
                .hasMessage("item 'd' is text that does not start with a date (YYYY-MM); month needs a date or date-time");
    }

    @Test
    void prefectureWhenEveryPrefectureStartsAnAddressThenFound() {
        assertThat(Prefectures.ALL).hasSize(47);
        assertThat(new HashSet<>(Prefectures.ALL)).hasSize(47);
        for (String prefecture : Prefectures.ALL) {
            assertThat(ValueTransforms.prefecture("a", prefecture + "中央1-1")).isEqualTo(prefecture);
        }
    }

    @Test
    void prefectureWhenKyotoOrTokyoThenNotConfused() {
        assertThat(ValueTransforms.prefecture("a", "京都府京都市")).isEqualTo("京都府");
        assertThat(ValueTransforms.prefecture("a", "東京都港区")).isEqualTo("東京都");
        assertThatThrownBy(() -> ValueTransforms.prefecture("a", "京都市中京区")).isInstanceOf(UnmaskableBodyException.class);
    }

    @Test
    void cannotApplyWhenAnyTreatmentThenMessageSaysWhatItNeeds() {
        assertThat(ValueTransforms.cannotApply("x", "is an object", new Treatment.Mask(2)))
                .hasMessage("item 'x' is an object; mask-last-2 needs text or a number");
        assertThat(ValueTransforms.cannotApply("x", "is an object", Treatment.MONTH))
                .hasMessage("item 'x' is an object; month needs a date or date-time");
    }
}
