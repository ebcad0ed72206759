package org.sekimori.gateway.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sekimori.gateway.changes.FileChangeTarget;
import org.sekimori.policy.load.RecipientsFile;
import org.sekimori.policy.model.Ledger;

/**
 * The recipients file (third parties and their public keys) as a file changed only with a second
 * administrator's approval: every recipient must name data systems of the ledger, purposes
 * registered for them and a key that can encrypt; applied, the recipients are in force at once.
 * Made empty at first start, in the data directory.
 */
public final class CurrentRecipients extends FileChangeTarget {

    private final ExportRecipients recipients;
    private final Ledger ledger;

    CurrentRecipients(ExportRecipients recipients, Path file, Ledger ledger) {
        super(file);
        this.recipients = recipients;
        this.ledger = ledger;
        try {
            if (Files.notExists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "# Recipients of exports and provisions; change them under four eyes: "
                        + "POST /api/admin/recipients-changes\nrecipients: []\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recipients.hold(recipients.read(RecipientsFile.load(file, ledger)));
    }

    @Override
    public String name() {
        return "recipients";
    }

    @Override
    protected Runnable prepare(Path candidate) {
        Map<String, ExportRecipients.Registered> read = recipients.read(RecipientsFile.load(candidate, ledger));
        return () -> recipients.hold(read);
    }
}
