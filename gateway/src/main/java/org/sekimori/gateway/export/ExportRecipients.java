package org.sekimori.gateway.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sekimori.keys.export.ExportRecipient;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.RecipientsFile;

/**
 * The registered recipients of exports and provisions: those of the configuration, their keys read
 * and checked at startup (a key that cannot be read, has expired or cannot encrypt stops the
 * gateway with every such problem listed, naming the recipient and the file, rather than failing
 * the first provision), and those of the recipients file, which changes under four eyes and is
 * checked the same way before it is put in force.
 */
public final class ExportRecipients {

    /** A recipient, its key, and the data systems and purposes whose records may go to it. */
    record Registered(String id, String name, ExportRecipient key, List<String> dataSystems, List<String> purposes) {

        /** Whether records of {@code dataSystem}, used for {@code purpose}, may go to this recipient. */
        boolean receives(String dataSystem, String purpose) {
            return dataSystems.contains(dataSystem) && (purposes.isEmpty() || purposes.contains(purpose));
        }
    }

    private final Map<String, Registered> registered = new TreeMap<>();
    private volatile Map<String, Registered> listed = Map.of();
    private final Clock clock;

    ExportRecipients(Map<String, ExportProperties.Recipient> configured, Clock clock) {
        this.clock = clock;
        List<ConfigurationError> errors = new ArrayList<>();
        configured.forEach((id, recipient) -> {
            String path = "sekimori.exports.recipients." + id;
            if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                errors.add(error(path, "a recipient id is lower-case letters, digits and dashes"));
            } else if (recipient.dataSystems().isEmpty()) {
                errors.add(error(path + ".data-systems", "is missing: name the data systems whose records may go "
                        + "to this recipient"));
            } else if (recipient.key() == null) {
                errors.add(error(path + ".key", "is missing: give the file of the recipient's OpenPGP public key "
                        + "or X.509 certificate"));
            } else {
                try {
                    registered.put(id, new Registered(id, recipient.name() == null ? id : recipient.name(),
                            ExportRecipient.read(recipient.key(), clock), List.copyOf(recipient.dataSystems()),
                            List.copyOf(recipient.purposes())));
                } catch (IOException | IllegalArgumentException e) {
                    errors.add(error(path + ".key", recipient.key() + " cannot be used: " + e.getMessage()));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }

    private static ConfigurationError error(String path, String message) {
        return new ConfigurationError("configuration", 0, path, message);
    }

    /**
     * The recipients of a recipients file, their keys read and checked; throws
     * {@link ConfigurationException} with every problem, an id the configuration has already among them.
     */
    Map<String, Registered> read(List<RecipientsFile.Entry> entries) {
        List<ConfigurationError> errors = new ArrayList<>();
        Map<String, Registered> read = new TreeMap<>();
        for (RecipientsFile.Entry entry : entries) {
            if (registered.containsKey(entry.id())) {
                errors.add(new ConfigurationError(entry.path(), 0, "id", "'" + entry.id() + "' is registered in the "
                        + "configuration already"));
                continue;
            }
            Path key = null;
            try {
                key = Files.createTempFile("sekimori-recipient-", ".key");
                Files.writeString(key, entry.key() + "\n");
                read.put(entry.id(), new Registered(entry.id(), entry.name(), ExportRecipient.read(key, clock),
                        entry.dataSystems(), entry.purposes()));
            } catch (IOException | IllegalArgumentException e) {
                errors.add(new ConfigurationError(entry.path(), 0, "key", "cannot be used: " + e.getMessage()
                        .replace(String.valueOf(key), "the key")));
            } finally {
                deleteQuietly(key);
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return read;
    }

    /** Puts the recipients read from the recipients file in force in place of those before. */
    void hold(Map<String, Registered> read) {
        listed = Map.copyOf(read);
    }

    Optional<Registered> find(String id) {
        return Optional.ofNullable(registered.get(id)).or(() -> Optional.ofNullable(listed.get(id)));
    }

    /** The registered ids, for an answer naming what may be asked for. */
    String describe() {
        java.util.Set<String> ids = new java.util.TreeSet<>(registered.keySet());
        ids.addAll(listed.keySet());
        return ids.isEmpty() ? "no recipient is registered" : "registered: " + String.join(", ", ids);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A temporary copy of a public key: nothing secret is left behind.
        }
    }
}
