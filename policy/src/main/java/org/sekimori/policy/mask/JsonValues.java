package org.sekimori.policy.mask;

import static org.sekimori.policy.mask.ValueTransforms.cannotApply;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamLocation;

/**
 * Applies a treatment to the JSON value the parser is on, writing the result with the generator.
 * Walks every nested value itself (no {@code skipChildren}, no {@code copyCurrentStructure}) so that
 * it sees each level and can stop at {@link BodyMasker#MAX_DEPTH}, and so that numbers are copied
 * exactly as written rather than parsed and printed again.
 *
 * <p>One per masking call: not thread-safe.
 */
final class JsonValues {

    private final JsonParser parser;
    private final JsonGenerator out;
    private final Pseudonymiser pseudonymiser;
    private final String dataSystem;
    private ByteSink compactBytes;
    private JsonGenerator compact;

    JsonValues(JsonParser parser, JsonGenerator out, Pseudonymiser pseudonymiser, String dataSystem) {
        this.parser = parser;
        this.out = out;
        this.pseudonymiser = pseudonymiser;
        this.dataSystem = dataSystem;
    }

    /**
     * Writes the treated form of the current value of {@code item} (the parser is on its first token,
     * {@code token}) and leaves the parser on the value's last token. Never called for
     * {@link Treatment.Remove}: a removed value is {@linkplain #skip() skipped}.
     */
    void write(String item, Treatment treatment, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            out.writeNull();
        } else if (treatment instanceof Treatment.Show) {
            copy(out);
        } else if (treatment instanceof Treatment.Mask mask) {
            if (token != JsonToken.VALUE_STRING && !token.isNumeric()) {
                throw cannotApply(item, "is " + kind(token), treatment);
            }
            out.writeString(ValueTransforms.mask(parser.getString(), mask.keepLast()));
        } else if (treatment instanceof Treatment.AgeBand band) {
            out.writeString(ageBand(item, band, token));
        } else if (treatment instanceof Treatment.Prefecture) {
            String prefecture = token == JsonToken.START_OBJECT ? prefectureMember(item)
                    : ValueTransforms.prefecture(item, text(item, token, treatment));
            if (prefecture == null) {
                out.writeNull();
            } else {
                out.writeString(prefecture);
            }
        } else if (treatment instanceof Treatment.Month) {
            out.writeString(ValueTransforms.month(item, text(item, token, treatment)));
        } else if (treatment instanceof Treatment.Pseudonymise) {
            String plain = token.isStructStart() ? compactJson() : parser.getString();
            out.writeString(pseudonymiser.pseudonym(dataSystem, plain));
        } else {
            throw new IllegalStateException("a removed item is skipped, not written");
        }
    }

    /** Copies the current value, nested values included, to {@code to}; leaves the parser on its last token. */
    void copy(JsonGenerator to) {
        JsonToken token = parser.currentToken();
        int open = 0;
        while (true) {
            switch (token) {
                case START_OBJECT -> {
                    checkDepth();
                    to.writeStartObject();
                    open++;
                }
                case START_ARRAY -> {
                    checkDepth();
                    to.writeStartArray();
                    open++;
                }
                case END_OBJECT -> {
                    to.writeEndObject();
                    open--;
                }
                case END_ARRAY -> {
                    to.writeEndArray();
                    open--;
                }
                // Names come canonicalised from the parser's symbol table: no String is made here.
                case PROPERTY_NAME -> to.writeName(parser.currentName());
                case VALUE_STRING -> to.writeString(parser.getStringCharacters(), parser.getStringOffset(),
                        parser.getStringLength());
                // The number's own text: 1.50 stays 1.50, and nothing is parsed.
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> to.writeNumber(parser.getStringCharacters(),
                        parser.getStringOffset(), parser.getStringLength());
                case VALUE_TRUE -> to.writeBoolean(true);
                case VALUE_FALSE -> to.writeBoolean(false);
                case VALUE_NULL -> to.writeNull();
                default -> throw new IllegalStateException("unexpected token " + token);
            }
            if (open == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }

    /**
     * Moves past the current value without decoding it: the parser skips the text of strings it is
     * not asked for, so a removed item costs no String. Leaves the parser on the value's last token.
     */
    void skip() {
        if (!parser.currentToken().isStructStart()) {
            return;
        }
        checkDepth();
        int open = 1;
        while (open > 0) {
            JsonToken token = parser.nextToken();
            if (token.isStructStart()) {
                checkDepth();
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
    }

    /** Releases the buffers of the generator used for compact JSON, if one was needed. */
    void close() {
        if (compact != null) {
            compact.close();
        }
    }

    /** Throws when the parser has just entered a level deeper than {@link BodyMasker#MAX_DEPTH}. */
    void checkDepth() {
        if (parser.streamReadContext().getNestingDepth() > BodyMasker.MAX_DEPTH) {
            throw new UnmaskableBodyException("body nests deeper than " + BodyMasker.MAX_DEPTH + " levels"
                    + where(parser.currentTokenLocation()));
        }
    }

    /** " (line L, column C)", or nothing when the location is unknown: where, never what. */
    static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What a value is, for error messages: "text", "an object", ... */
    static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "not a value";
        };
    }

    private String text(String item, JsonToken token, Treatment treatment) {
        if (token != JsonToken.VALUE_STRING) {
            throw cannotApply(item, "is " + kind(token), treatment);
        }
        return parser.getString();
    }

    private String ageBand(String item, Treatment.AgeBand band, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw cannotApply(item, "is " + kind(token), band);
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            // Beyond a long: negative or too large either way, and not worth parsing.
            String problem = parser.getStringCharacters()[parser.getStringOffset()] == '-' ? "is a negative number"
                    : "is a number too large to be an age";
            throw cannotApply(item, problem, band);
        }
        return ValueTransforms.ageBand(item, parser.getLongValue(), band);
    }

    /** The {@code prefecture} member of the address object the parser is on; null when it is null. */
    private String prefectureMember(String item) {
        checkDepth();
        String prefecture = null;
        boolean found = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("prefecture")) {
                skip();
            } else if (found) {
                throw cannotApply(item, "is an object with more than one prefecture member", Treatment.PREFECTURE);
            } else if (value == JsonToken.VALUE_STRING) {
                found = true;
                prefecture = parser.getString();
            } else if (value == JsonToken.VALUE_NULL) {
                found = true;
            } else {
                throw cannotApply(item, "is an object whose prefecture member is " + kind(value), Treatment.PREFECTURE);
            }
        }
        if (!found) {
            throw cannotApply(item, "is an object without a prefecture member", Treatment.PREFECTURE);
        }
        return prefecture;
    }

    /** The current object or array as compact JSON text, for a pseudonym of the whole structure. */
    private String compactJson() {
        if (compact == null) {
            compactBytes = new ByteSink(256);
            compact = JsonMasker.FACTORY.createGenerator(ObjectWriteContext.empty(), compactBytes);
        }
        copy(compact);
        compact.flush();
        String json = compactBytes.utf8();
        compactBytes.reset();
        return json;
    }
}
