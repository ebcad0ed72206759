package org.sekimori.gateway.changes;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.grants.DirectoryStoreException;
import org.sekimori.gateway.lifecycle.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's changes still waiting for its audit trail, and brings this instance's
 * files up to the changes approved on any instance: an approved change is
 * applied where it was approved; every other instance sharing the database finds it at its next
 * check and applies it too, in the order they were approved, each onto the version it was proposed
 * against. A file that was changed some other way on this instance is left alone, and said so
 * once per change, since applying onto it would lose that change.
 */
final class ChangeSync extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ChangeSync.class);

    private final Map<ChangeTarget, ChangeStore> targets;
    private final ChangeRecords records;
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ChangeSync(Map<ChangeTarget, ChangeStore> targets, ChangeRecords records, Duration interval) {
        super(interval, "configuration-changes", log, "The approved configuration changes could not be checked");
        this.targets = targets;
        this.records = records;
    }

    @Override
    protected void check() {
        targets.forEach((target, store) -> {
            records.write(target, store);
            try {
                catchUp(target, store.applied());
            } catch (SQLException e) {
                throw new DirectoryStoreException(e);
            }
        });
    }

    private void catchUp(ChangeTarget target, List<Change> applied) {
        if (applied.isEmpty()) {
            return;
        }
        Change last = applied.get(applied.size() - 1);
        boolean moved = true;
        while (moved && !target.written().version().equals(last.proposedVersion())) {
            moved = false;
            String current = target.written().version();
            for (Change change : applied) {
                if (change.baseVersion().equals(current) && !change.proposedVersion().equals(current)) {
                    target.apply(change.proposedText(), current);
                    log.info("Approved {} change {} applied here too: version {}", target.name(), change.id(),
                            change.proposedVersion());
                    moved = true;
                    break;
                }
            }
        }
        String now = target.written().version();
        if (!now.equals(last.proposedVersion()) && reported.add(target.name() + " " + last.id())) {
            log.error("The {} here (version {}) was changed otherwise than by the approved changes; the latest, "
                    + "{} (version {}), is not applied here: bring the file back to an approved version",
                    target.name(), now, last.id(), last.proposedVersion());
        }
    }
}
