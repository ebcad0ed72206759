package org.sekimori.gateway.export;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sekimori.keys.export.ExportRecipient;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;

/**
 * The registered recipients of exports and provisions, their keys read and checked at startup: a
 * key that cannot be read, has expired or cannot encrypt stops the gateway with every such problem
 * listed, naming the recipient and the file, rather than failing the first provision.
 */
final class ExportRecipients {

    /** A recipient, its key, and the data systems and purposes whose records may go to it. */
    record Registered(String id, String name, ExportRecipient key, List<String> dataSystems, List<String> purposes) {

        /** Whether records of {@code dataSystem}, used for {@code purpose}, may go to this recipient. */
        boolean receives(String dataSystem, String purpose) {
            return dataSystems.contains(dataSystem) && (purposes.isEmpty() || purposes.contains(purpose));
        }
    }

    private final Map<String, Registered> registered = new TreeMap<>();

    ExportRecipients(Map<String, ExportProperties.Recipient> configured, Clock clock) {
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

    Optional<Registered> find(String id) {
        return Optional.ofNullable(registered.get(id));
    }

    /** The registered ids, for an answer naming what may be asked for. */
    String describe() {
        return registered.isEmpty() ? "no recipient is registered" : "registered: " + String.join(", ",
                registered.keySet());
    }
}
