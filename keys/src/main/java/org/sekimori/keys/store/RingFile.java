package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import org.sekimori.keys.KeyFile;
import org.sekimori.keys.OwnerOnlyFiles;

/**
 * The list of a ring's keys, in a file beside the key store: what is not secret about each key,
 * and a seal over it (HMAC-SHA256 with a key the backend holds), so that an edit made outside
 * Sekimori is refused rather than trusted: a public key swapped for another, a key's state
 * changed. A retired key's secret is destroyed, so no edit could bring it back anyway. Replacing
 * the file with an older one of the same store is not detected.
 *
 * <p>Layout, one line each, in ASCII:
 * <pre>
 * sekimori key ring &lt;purpose&gt;
 * &lt;id&gt; &lt;state&gt; &lt;created, ISO-8601&gt; &lt;Base64 of the public part, or -&gt;   (one per key, oldest first)
 * seal &lt;Base64 of HMAC-SHA256 over every line above, each with its line feed&gt;
 * </pre>
 */
final class RingFile {

    /** The backend's key that seals the ring files of every purpose. */
    static final String SEAL_ALIAS = "ring-seal";
    private static final String SEAL = "seal ";

    private final Path file;
    private final KeyPurpose purpose;
    private final KeyBackend backend;

    RingFile(Path file, KeyPurpose purpose, KeyBackend backend) {
        this.file = file;
        this.purpose = purpose;
        this.backend = backend;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    List<RingEntry> read() throws GeneralSecurityException, IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int seal = text.lastIndexOf(SEAL);
        if (seal < 0 || !text.startsWith(header())) {
            throw new IOException(file + " is not the ring file of the " + purpose.label() + " keys");
        }
        if (!backend.aliases().contains(SEAL_ALIAS)) {
            throw new IOException(file + " is sealed by another key store than " + backend
                    + ": open the key store it belongs to");
        }
        byte[] expected = seal(text.substring(0, seal));
        if (!MessageDigest.isEqual(expected, decode(text.substring(seal + SEAL.length()).strip()))) {
            throw new IOException(file + " was changed outside Sekimori (its seal does not match): restore it from a "
                    + "backup");
        }
        List<RingEntry> entries = new ArrayList<>();
        for (String line : text.substring(header().length(), seal).split("\n")) {
            if (!line.isEmpty()) {
                entries.add(entry(line));
            }
        }
        check(entries);
        return entries;
    }

    void write(List<RingEntry> entries) throws GeneralSecurityException, IOException {
        check(entries);
        if (!backend.aliases().contains(SEAL_ALIAS)) {
            backend.generateSecret(SEAL_ALIAS);
        }
        StringBuilder text = new StringBuilder(header());
        for (RingEntry entry : entries) {
            byte[] publicPart = entry.publicPart();
            text.append(entry.id()).append(' ').append(entry.state().label()).append(' ').append(entry.created())
                    .append(' ').append(publicPart.length == 0 ? "-" : Base64.getEncoder().encodeToString(publicPart))
                    .append('\n');
        }
        byte[] seal = seal(text.toString());
        text.append(SEAL).append(Base64.getEncoder().encodeToString(seal)).append('\n');
        OwnerOnlyFiles.replace(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private String header() {
        return "sekimori key ring " + purpose.label() + "\n";
    }

    private byte[] seal(String text) throws GeneralSecurityException, IOException {
        Mac mac = backend.mac(SEAL_ALIAS);
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }

    private RingEntry entry(String line) throws IOException {
        String[] fields = line.split(" ");
        try {
            if (fields.length != 4) {
                throw new IllegalArgumentException("four fields expected");
            }
            return new RingEntry(KeyFile.checkId(fields[0]), KeyState.ofLabel(fields[1]), Instant.parse(fields[2]),
                    fields[3].equals("-") ? new byte[0] : decode(fields[3]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + ": '" + line + "' is not a key: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    /** A broken invariant of a ring, whether read or about to be written. */
    private void check(List<RingEntry> entries) {
        Set<String> ids = new HashSet<>();
        long active = 0;
        for (RingEntry entry : entries) {
            if (!ids.add(entry.id())) {
                throw new IllegalStateException(file + " lists key " + entry.id() + " twice");
            }
            active += entry.state() == KeyState.ACTIVE ? 1 : 0;
        }
        if (active != 1) {
            throw new IllegalStateException(file + " lists " + active + " active keys, not one");
        }
    }
}
