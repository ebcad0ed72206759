package org.sekimori.demo.system;

/** A query parameter that narrows a listing or export by comparing it with an indexed column. */
public record Filter(String parameter, IndexedColumn column, Comparison comparison) {

    public enum Comparison {
        EQUALS("="),
        AT_LEAST(">="),
        AT_MOST("<=");

        private final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    public static Filter equalTo(String parameter, IndexedColumn column) {
        return new Filter(parameter, column, Comparison.EQUALS);
    }

    public static Filter atLeast(String parameter, IndexedColumn column) {
        return new Filter(parameter, column, Comparison.AT_LEAST);
    }

    public static Filter atMost(String parameter, IndexedColumn column) {
        return new Filter(parameter, column, Comparison.AT_MOST);
    }
}
