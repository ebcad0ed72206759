package org.sekimori.gateway.grants;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.lifecycle.PeriodicTask;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.policy.model.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance in step with the grant requests every instance shares. Each check expires
 * the approved grants whose last day has passed, puts the approved grants in force when their set
 * changed (on whichever instance it changed), and writes this instance's changes to its audit
 * trail. The decision itself refuses a grant past its last day, so expiry never waits for a check.
 * A change that could not be written to the trail stays marked unwritten and is written at the
 * next check, in order; none is dropped.
 */
public final class GrantRequestSync extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(GrantRequestSync.class);
    /** Who expires a grant in the history: the gateway itself, not a person. */
    static final String GATEWAY = "sekimori";

    private final GrantRequestStore store;
    private final CurrentPolicy policy;
    private final Directory directory;
    private final AuditTrail trail;
    private final GrantRequestRecords records;
    private final Clock clock;
    private long generation = -1;

    GrantRequestSync(GrantRequestStore store, CurrentPolicy policy, Directory directory, AuditTrail trail,
            GrantRequestRecords records, Clock clock, Duration interval) {
        super(interval, "grant-requests", log, "The grant requests could not be checked");
        this.store = store;
        this.policy = policy;
        this.directory = directory;
        this.trail = trail;
        this.records = records;
        this.clock = clock;
        // Before the server takes requests: approved grants hold from this instance's first answer.
        refresh();
    }

    /** One check: expire, put in force what changed, write what waits. */
    @Override
    protected void check() {
        expire();
        refresh();
        write();
    }

    /**
     * After a change made here: in force and in the trail before the person is answered. The change
     * is committed already, so a failure here is logged, not answered: the next check catches up.
     */
    public void changed() {
        try {
            refresh();
            write();
        } catch (DirectoryStoreException e) {
            log.error("A committed change to a grant request is put in force at the next check: {}", e.getMessage());
        }
    }

    private void expire() {
        try {
            for (String id : store.dueToExpire(clock.instant())) {
                store.move(id, GrantRequestState.APPROVED, GrantRequestState.EXPIRED, GrantRequestStore.Mover.ANYONE,
                        GATEWAY, null, clock.instant());
            }
        } catch (SQLException e) {
            throw new DirectoryStoreException(e);
        }
    }

    /**
     * The directory changed: the grants from requests are bounded by their holders' roles, so they
     * are compiled again with the roles now held.
     */
    public void directoryChanged() {
        synchronized (this) {
            generation = -1;
        }
        changed();
    }

    private synchronized void refresh() {
        try {
            long now = store.generation();
            if (now != generation) {
                List<GrantRequest> approved = store.approved();
                policy.holdHandlerGrants(approved.stream().map(request -> request.grant(directory.handler(
                        request.requester()).map(handler -> java.util.Set.copyOf(handler.roles()))
                        .orElse(java.util.Set.of()))).toList());
                generation = now;
                log.info("{} approved grant requests in force (generation {})", approved.size(), now);
            }
        } catch (SQLException e) {
            throw new DirectoryStoreException(e);
        }
    }

    private synchronized void write() {
        try {
            for (GrantRequestEvent event : store.unrecorded()) {
                GrantRequest request = store.find(event.requestId()).orElseThrow();
                trail.record(records.of(event, request), List.of()).block();
                store.recorded(event.seq());
            }
        } catch (SQLException e) {
            throw new DirectoryStoreException(e);
        } catch (RuntimeException e) {
            log.error("A change to a grant request could not be written to the audit trail; it is written at the "
                    + "next check: {}", e.getMessage());
        }
    }
}
