package org.sekimori.gateway.policy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sekimori.policy.ExceptionClaim;
import org.springframework.http.HttpHeaders;

/**
 * What the handler states with a request: the purpose of use and, optionally, an exception and its
 * justification. The justification is percent-encoded UTF-8 when it is not plain ASCII (HTTP
 * header values are not UTF-8), as {@code encodeURIComponent} or {@code curl --data-urlencode}
 * produce it.
 */
record StatedPurpose(Optional<String> purpose, Optional<ExceptionClaim> exception) {

    static final String PURPOSE = "Sekimori-Purpose";
    static final String EXCEPTION = "Sekimori-Exception";
    static final String JUSTIFICATION = "Sekimori-Justification";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final int MAX_JUSTIFICATION_BYTES = 4096;

    /** Thrown for a header the handler must fix; the message says how. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** This statement, with the purpose chosen for the session when the request states none. */
    StatedPurpose orChosen(Optional<String> chosen) {
        return purpose.isPresent() ? this : new StatedPurpose(chosen, exception);
    }

    static StatedPurpose from(HttpHeaders headers) throws Malformed {
        Optional<String> purpose = single(headers, PURPOSE);
        Optional<String> exception = single(headers, EXCEPTION);
        Optional<String> justification = single(headers, JUSTIFICATION);
        for (String name : List.of(purpose.orElse("a-name"), exception.orElse("a-name"))) {
            if (!NAME.matcher(name).matches()) {
                throw new Malformed(PURPOSE + " and " + EXCEPTION + " take a registered id such as follow-up-care: "
                        + "lower-case letters, digits and '-'.");
            }
        }
        if (justification.isPresent() && exception.isEmpty()) {
            throw new Malformed(JUSTIFICATION + " is given without " + EXCEPTION + "; name the exception it justifies.");
        }
        Optional<ExceptionClaim> claim = exception.map(id -> new ExceptionClaim(id, ""));
        if (claim.isPresent() && justification.isPresent()) {
            claim = Optional.of(new ExceptionClaim(exception.get(), decode(justification.get())));
        }
        return new StatedPurpose(purpose, claim);
    }

    private static Optional<String> single(HttpHeaders headers, String name) throws Malformed {
        List<String> values = headers.getOrEmpty(name);
        if (values.size() > 1) {
            throw new Malformed("Send " + name + " once.");
        }
        return values.stream().map(String::strip).filter(value -> !value.isEmpty()).findFirst();
    }

    /** Strict percent-decoding: '+' stays '+', a broken escape or invalid UTF-8 is refused. */
    private static String decode(String value) throws Malformed {
        ByteBuffer bytes = ByteBuffer.allocate(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw new Malformed(JUSTIFICATION + " has a broken %-escape; percent-encode it as UTF-8.");
                }
                bytes.put((byte) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x20 || c > 0x7e) {
                throw new Malformed(JUSTIFICATION + " must be percent-encoded UTF-8 when it is not plain ASCII.");
            } else {
                bytes.put((byte) c);
            }
        }
        if (bytes.position() > MAX_JUSTIFICATION_BYTES) {
            throw new Malformed(JUSTIFICATION + " is longer than " + MAX_JUSTIFICATION_BYTES + " bytes.");
        }
        bytes.flip();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' || ch == 0x7f)) {
                throw new Malformed(JUSTIFICATION + " must not contain control characters.");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new Malformed(JUSTIFICATION + " is not valid UTF-8 once decoded.");
        }
    }
}
