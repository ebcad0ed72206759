package org.sekimori.gateway.keys;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.keys.store.KeyEvent;
import org.sekimori.keys.store.KeyLifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes every {@link KeyEvent} to the audit trail as a {@code key} record: what happened, to which
 * key of which ring, and the key's state afterwards; never secret material. The rings are opened
 * before the audit trail (it needs the checkpoint key), so events until the trail is
 * {@link #attach attached} wait here, as do events whose record could not be written; they are
 * written at the next {@link #flush}. None is dropped.
 */
final class KeyRecords implements KeyLifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(KeyRecords.class);

    private final Clock clock;
    private final List<ObjectNode> waiting = new ArrayList<>();
    private AuditTrail trail;

    KeyRecords(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void keyEvent(KeyEvent event) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", "key");
        record.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", event.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        record.put("purpose", event.purpose().label());
        record.put("keyId", event.keyId());
        record.put("state", event.state().label());
        waiting.add(record);
        flush();
    }

    /** From now on events are written as they come; those that waited are written now. */
    synchronized void attach(AuditTrail started) {
        trail = started;
        flush();
    }

    /** Writes the records that wait, once the trail is attached. */
    synchronized void flush() {
        if (trail == null) {
            return;
        }
        List<ObjectNode> records = List.copyOf(waiting);
        waiting.clear();
        records.forEach(this::write);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void write(ObjectNode record) {
        trail.record(record, List.of()).onErrorResume(failure -> {
            log.error("The key event {} of {} key {} could not be recorded: the audit store is unavailable; it is "
                    + "written at the next key check", record.path("kind").asString(), record.path("purpose")
                    .asString(), record.path("keyId").asString());
            synchronized (this) {
                waiting.add(record);
            }
            return Mono.empty();
        }).subscribe();
    }
}
