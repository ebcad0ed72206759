package org.sekimori.keys.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a DER element lies in a file: its first byte, where its content starts, where it ends,
 * and the elements within it if it is constructed. For naming the regions of a CMS file.
 */
record Der(int start, int content, int end, List<Der> elements) {

    static Der parse(byte[] der) {
        return parse(der, 0);
    }

    private static Der parse(byte[] der, int start) {
        int tag = der[start] & 0xff;
        int offset = start + 1;
        int length = der[offset++] & 0xff;
        if (length > 0x80) {
            int octets = length & 0x7f;
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | der[offset++] & 0xff;
            }
        }
        int end = offset + length;
        List<Der> elements = new ArrayList<>();
        if ((tag & 0x20) != 0) {
            for (int at = offset; at < end; at = elements.get(elements.size() - 1).end()) {
                elements.add(parse(der, at));
            }
        }
        return new Der(start, offset, end, List.copyOf(elements));
    }

    /** The element reached by taking the given element of each constructed one in turn. */
    Der at(int... path) {
        Der element = this;
        for (int index : path) {
            element = element.elements().get(index);
        }
        return element;
    }

    BitFlips.Field field(String name) {
        return new BitFlips.Field(name, start, end);
    }
}
