package org.sekimori.demo.schema;

import java.util.List;

/** A request body that does not fit the system's schema; carries every problem found. */
public class InvalidRecordException extends RuntimeException {

    private final List<String> problems;

    public InvalidRecordException(List<String> problems) {
        super(problems.size() + " problem(s) with the record");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
