package org.sekimori.demo.schema;

/**
 * One named member of a JSON object. A nullable field may also be left out of a request body;
 * it is then stored as an explicit null so every stored document has the same shape.
 */
public record Field(String name, FieldType type, boolean nullable) {

    public static Field required(String name, FieldType type) {
        return new Field(name, type, false);
    }

    public static Field nullable(String name, FieldType type) {
        return new Field(name, type, true);
    }
}
