package org.sekimori.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class RedactedFailureTest {

    @Test
    void keepsTypesAndFramesButNoMessages() {
        Exception original = new IllegalStateException("row for 佐藤 陽子 failed",
                new SQLException("VALUES ('F00001', 'U0123')"));

        StringWriter printed = new StringWriter();
        RedactedFailure.of(original).printStackTrace(new PrintWriter(printed));

        assertThat(printed.toString())
                .contains(IllegalStateException.class.getName(), SQLException.class.getName(), "RedactedFailureTest")
                .doesNotContain("佐藤", "F00001", "U0123");
    }
}
