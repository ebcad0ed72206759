package org.sekimori.gateway.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.lifecycle.PeriodicCheck;
import org.sekimori.keys.store.CheckpointKeyRing;
import org.sekimori.keys.store.KeyDescription;
import org.sekimori.keys.store.KeyRing;
import org.sekimori.keys.store.KeyState;
import org.sekimori.keys.store.PseudonymKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Replaces each ring's active key once it is older than its rotation age, at startup and then on
 * a schedule; the replaced key becomes verify-only, and, with {@code sekimori.keys.retire-after},
 * is retired that long after it was replaced. Starts after the audit trail, to which it first
 * hands the key events that happened before the trail was up.
 */
public final class KeyRotation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final CheckpointKeyRing checkpoints;
    private final PseudonymKeyRing pseudonyms;
    private final Path publicKey;
    private final KeysProperties properties;
    private final KeyRecords records;
    private final AuditTrail trail;
    private final Clock clock;
    private PeriodicCheck schedule;

    KeyRotation(CheckpointKeyRing checkpoints, PseudonymKeyRing pseudonyms, Path publicKey, KeysProperties properties,
            KeyRecords records, AuditTrail trail, Clock clock) {
        this.checkpoints = checkpoints;
        this.pseudonyms = pseudonyms;
        this.publicKey = publicKey;
        this.properties = properties;
        this.records = records;
        this.trail = trail;
        this.clock = clock;
    }

    /** Rotates and retires what is due, and writes key records that are still waiting. */
    public synchronized void check() {
        records.flush();
        try {
            if (due(checkpoints.ring(), properties.checkpointRotation())) {
                CheckpointPublicKeyFiles.write(checkpoints, publicKey);
            }
            retire(checkpoints.ring());
            due(pseudonyms.ring(), properties.pseudonymRotation());
            retire(pseudonyms.ring());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key store refused a rotation: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("a key ring could not be saved", e);
        }
    }

    private boolean due(KeyRing ring, Duration age) throws GeneralSecurityException, IOException {
        KeyDescription active = ring.active();
        if (active.created().plus(age).isAfter(clock.instant())) {
            return false;
        }
        KeyDescription created = ring.rotate();
        log.info("The {} key {} was older than {} and is verify-only; {} is active", ring.purpose().label(),
                active.id(), age, created.id());
        return true;
    }

    /** Retires each verify-only key replaced at least {@code retire-after} ago: its successor is that old. */
    private void retire(KeyRing ring) throws GeneralSecurityException, IOException {
        Optional<Duration> after = properties.retirement();
        if (after.isEmpty()) {
            return;
        }
        List<KeyDescription> keys = ring.keys();
        Instant now = clock.instant();
        for (int i = 0; i < keys.size() - 1; i++) {
            if (keys.get(i).state() == KeyState.VERIFY_ONLY && !keys.get(i + 1).created().plus(after.get())
                    .isAfter(now)) {
                ring.retire(keys.get(i).id());
                log.info("The {} key {} was retired: its secret is destroyed", ring.purpose().label(),
                        keys.get(i).id());
            }
        }
    }

    @Override
    public void start() {
        records.attach(trail);
        check();
        schedule = PeriodicCheck.every(properties.checkInterval(), "key-rotation", this::check, log,
                "The keys could not be rotated");
    }

    @Override
    public void stop() {
        schedule.close();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && schedule.running();
    }
}
