package org.sekimori.demo.system;

/**
 * A copy of one record field kept in its own database column, so filters use an index instead of
 * parsing every stored document.
 *
 * @param column SQL column name; fixed in code, never taken from a request
 * @param jsonPointer where the value sits in the record, e.g. {@code /postalAddress/prefecture}
 */
public record IndexedColumn(String column, String jsonPointer, SqlType type) {

    public enum SqlType {
        TEXT("VARCHAR(200)"),
        INTEGER("INTEGER");

        private final String ddl;

        SqlType(String ddl) {
            this.ddl = ddl;
        }

        public String ddl() {
            return ddl;
        }
    }
}
