package org.sekimori.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesOnlyCellsThatNeedItAndEndsLinesWithCrLf() {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    @Test
    void keepsCellsThatASpreadsheetWouldRunAsAFormulaAsTextButLeavesNumbers() {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "-2+3", "-12.5", "37.48"));
        assertThat(out.toString()).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,'@SUM(A1),'-2+3,-12.5,37.48\r\n");
    }
}
