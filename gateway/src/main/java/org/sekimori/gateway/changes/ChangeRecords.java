package org.sekimori.gateway.changes;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.grants.DirectoryStoreException;
import org.sekimori.keys.SealedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the steps of configuration changes that this instance made to its audit trail, oldest
 * first, as {@code <name>-change} records: who, which change, the versions before and after and
 * how many lines moved; the reason and comments sealed. A step that cannot be written now stays
 * unwritten in the database and is written at the next try, in order; none is lost.
 */
final class ChangeRecords {

    private static final Logger log = LoggerFactory.getLogger(ChangeRecords.class);

    private final AuditTrail trail;
    private final SealedText sealing;

    ChangeRecords(AuditTrail trail, SealedText sealing) {
        this.trail = trail;
        this.sealing = sealing;
    }

    synchronized void write(ChangeTarget target, ChangeStore store) {
        try {
            for (ChangeStore.Event event : store.unrecorded()) {
                trail.record(record(target, event), List.of()).block();
                store.recorded(event.seq());
            }
        } catch (SQLException e) {
            throw new DirectoryStoreException(e);
        } catch (RuntimeException e) {
            log.error("A {} change could not be written to the audit trail; it is written at the next check: {}",
                    target.name(), e.getMessage());
        }
    }

    private ObjectNode record(ChangeTarget target, ChangeStore.Event event) {
        Change change = event.change();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", target.name() + "-change");
        record.put("time", event.at().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", event.kind());
        record.put("handler", event.actor());
        record.put("changeId", change.id());
        record.put("proposer", change.proposer());
        record.put("baseVersion", change.baseVersion());
        record.put("proposedVersion", change.proposedVersion());
        LineDiff.Result diff = LineDiff.of(change.baseText(), change.proposedText(), target.fileName());
        record.put("linesRemoved", diff.removed());
        record.put("linesAdded", diff.added());
        if (event.kind().equals("proposed")) {
            record.put("reason", sealing.seal(change.reason()));
        }
        if (event.comment() != null && !event.comment().isEmpty()) {
            record.put("comment", sealing.seal(event.comment()));
        }
        return record;
    }
}
