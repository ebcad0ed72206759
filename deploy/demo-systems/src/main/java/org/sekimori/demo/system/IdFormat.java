package org.sekimori.demo.system;

import java.util.regex.Pattern;

import org.sekimori.demo.schema.FieldType;

/** Record ids are a letter and a zero-padded sequence number: F00001, M000001. */
public record IdFormat(String prefix, int digits) {

    public String format(long number) {
        String text = Long.toString(number);
        return prefix + "0".repeat(Math.max(0, digits - text.length())) + text;
    }

    /** The sequence number behind an id, or -1 when the text is not an id of this format. */
    public long numberOf(String id) {
        if (id == null || !id.startsWith(prefix) || id.length() < prefix.length() + digits) {
            return -1;
        }
        String digitsPart = id.substring(prefix.length());
        if (!digitsPart.chars().allMatch(c -> c >= '0' && c <= '9') || digitsPart.length() > 18) {
            return -1;
        }
        return Long.parseLong(digitsPart);
    }

    public String example() {
        return format(1);
    }

    public FieldType fieldType() {
        return FieldType.Text.matching(prefix.length() + 18, Pattern.quote(prefix) + "[0-9]{" + digits + ",18}",
                "an id like \"" + example() + "\"");
    }
}
