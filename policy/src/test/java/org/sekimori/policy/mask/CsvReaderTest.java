package org.sekimori.policy.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<List<String>> rows(String csv) {
        CsvReader reader = new CsvReader(new StringReader(csv), 100);
        List<List<String>> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        while (reader.next(cells)) {
            rows.add(List.copyOf(cells));
        }
        return rows;
    }

    @Test
    void nextWhenEmptyCellsAnywhereThenKeptAsEmpty() {
        assertThat(rows(",a,,\r\n\"\",,\"\"\r\n")).containsExactly(List.of("", "a", "", ""), List.of("", "", ""));
    }

    @Test
    void nextWhenQuotedCellSpansBufferRefillsThenReadWhole() {
        String long1 = "x".repeat(90);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            csv.append('"').append(long1).append("\"\"\",").append(i).append('\n');
        }

        List<List<String>> rows = rows(csv.toString());

        assertThat(rows).hasSize(200).allSatisfy(row -> assertThat(row.get(0)).isEqualTo(long1 + "\""));
        assertThat(rows.get(199).get(1)).isEqualTo("199");
    }

    @Test
    void nextWhenCellLongerThanTheLimitThenError() {
        CsvReader reader = new CsvReader(new StringReader("a\n" + "x".repeat(101) + "\n"), 100);
        List<String> cells = new ArrayList<>();
        reader.next(cells);

        assertThatThrownBy(() -> reader.next(cells)).isInstanceOf(UnmaskableBodyException.class)
                .hasMessage("row 2 has a cell longer than 100 characters");
    }

    @Test
    void nextWhenByteOrderMarkOnlyAtTheStartThenOnlyThatOneSkipped() {
        assertThat(rows("\uFEFFa\n\uFEFFb\n")).containsExactly(List.of("a"), List.of("\uFEFFb"));
    }
}
