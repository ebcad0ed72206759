package org.sekimori.gateway.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a data system's content coding before masking, within the same size limit as a plain
 * body, so a small compressed body cannot expand into an unbounded one. The gateway asks for
 * {@code identity}; gzip and deflate are decoded for data systems that send them anyway, any other
 * coding is refused.
 */
final class ContentDecoding {

    /** Thrown when the body cannot be decoded or would exceed the limit; the message is safe to show. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private ContentDecoding() {
    }

    static byte[] decode(String coding, byte[] body, int maxBytes) throws Refused {
        String name = coding == null ? "identity" : coding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "identity" -> body;
            case "gzip", "x-gzip" -> inflate(() -> new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
            case "deflate" -> inflate(() -> new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
            default -> throw new Refused("The data system answered with content coding '" + name
                    + "', which the gateway cannot decode to mask; it must send identity, gzip or deflate.");
        };
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static byte[] inflate(Opener opener, int maxBytes) throws Refused {
        try (InputStream in = opener.open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) != -1) {
                if (out.size() + read > maxBytes) {
                    throw new Refused("The data system's compressed answer is larger than " + maxBytes
                            + " bytes once decoded, too large to mask.");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new Refused("The data system's compressed answer is corrupt.");
        }
    }
}
