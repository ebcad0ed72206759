package org.sekimori.keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sekimori.keys.KeyFile;

/**
 * The keys of one purpose as they rotate. Exactly one key is {@link KeyState#ACTIVE} and makes new
 * signatures or pseudonyms; {@link KeyState#VERIFY_ONLY} keys were active before it, and what they
 * made still verifies and can still be recomputed; {@link KeyState#RETIRED} keys have had their
 * secret destroyed, though a signing key's public part is kept, so no rotation or retirement ever
 * makes an old record unverifiable. Ids are {@code k1}, {@code k2}, ... and never given twice: a
 * retired key stays listed for ever.
 *
 * <p>Every change is saved before the key is used and before the listener hears of it. A new key's
 * secret is stored before the ring file names it, and a retired key's secret destroyed after the
 * file marks it retired: a crash in between leaves a secret nothing uses (made again, or destroyed,
 * next time), never a listed key without its secret.
 */
public final class KeyRing {

    private static final Pattern NUMBERED = Pattern.compile("k([0-9]{1,15})");

    private final KeyPurpose purpose;
    private final KeyBackend backend;
    private final RingFile file;
    private final KeyLifecycleListener listener;
    private final Clock clock;
    private final SecureRandom random;
    private volatile List<RingEntry> entries;

    private KeyRing(KeyPurpose purpose, KeyBackend backend, RingFile file, KeyLifecycleListener listener, Clock clock,
            SecureRandom random) {
        this.purpose = purpose;
        this.backend = backend;
        this.file = file;
        this.listener = listener;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The ring listed in {@code ringFile}. On first start (no ring file) the key in {@code legacyKeyFile}
     * is taken in under its id, so records signed or pseudonymised with it stay verifiable and
     * searchable; without one, a new key {@code k1} is made.
     */
    static KeyRing open(KeyPurpose purpose, KeyBackend backend, Path ringFile, Path legacyKeyFile,
            KeyLifecycleListener listener, Clock clock, SecureRandom random)
            throws GeneralSecurityException, IOException {
        KeyRing ring = new KeyRing(purpose, backend, new RingFile(ringFile, purpose, backend), listener, clock, random);
        if (ring.file.exists()) {
            ring.load();
        } else {
            ring.start(legacyKeyFile);
        }
        return ring;
    }

    public KeyPurpose purpose() {
        return purpose;
    }

    /** Every key of the ring, retired ones too, oldest first. */
    public List<KeyDescription> keys() {
        return entries.stream().map(RingEntry::description).toList();
    }

    public KeyDescription active() {
        return activeEntry().description();
    }

    /** Makes a new active key; the active one becomes verify-only. Returns the new key. */
    public synchronized KeyDescription rotate() throws GeneralSecurityException, IOException {
        RingEntry previous = activeEntry();
        RingEntry created = make(nextId());
        List<RingEntry> next = new ArrayList<>();
        entries.forEach(entry -> next.add(entry.id().equals(previous.id()) ? entry.in(KeyState.VERIFY_ONLY) : entry));
        next.add(created);
        save(next);
        report(KeyEvent.Kind.CREATED, created.id(), KeyState.ACTIVE);
        report(KeyEvent.Kind.ROTATED, previous.id(), KeyState.VERIFY_ONLY);
        return created.description();
    }

    /**
     * Destroys the secret of the verify-only key {@code id}: it signs and pseudonymises nothing any
     * more, and its pseudonyms can no longer be recomputed. A signing key's public part stays. A
     * retired key is left as it is.
     */
    public synchronized void retire(String id) throws GeneralSecurityException, IOException {
        RingEntry entry = entry(id);
        if (entry.state() == KeyState.ACTIVE) {
            throw new IllegalArgumentException(id + " is the active " + purpose.label() + " key: rotate first, so that "
                    + "another key takes over, then retire " + id);
        }
        if (entry.state() == KeyState.RETIRED) {
            return;
        }
        save(entries.stream().map(each -> each.id().equals(id) ? each.in(KeyState.RETIRED) : each).toList());
        backend.delete(alias(id));
        report(KeyEvent.Kind.RETIRED, id, KeyState.RETIRED);
    }

    /** The key {@code id}, or an exception naming the keys there are. */
    RingEntry entry(String id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + purpose.label() + " key " + id + "; there are "
                        + keys().stream().map(KeyDescription::id).toList()));
    }

    List<RingEntry> entries() {
        return entries;
    }

    KeyBackend backend() {
        return backend;
    }

    String alias(String id) {
        return purpose.label() + "-" + id;
    }

    void report(KeyEvent.Kind kind, String id, KeyState state) {
        listener.keyEvent(new KeyEvent(kind, purpose, id, state));
    }

    private RingEntry activeEntry() {
        return entries.stream().filter(entry -> entry.state() == KeyState.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException(file.path() + " has no active key"));
    }

    private void load() throws GeneralSecurityException, IOException {
        entries = List.copyOf(file.read());
        for (RingEntry entry : entries) {
            if (entry.state() == KeyState.RETIRED) {
                backend.delete(alias(entry.id()));
            } else if (!backend.aliases().contains(alias(entry.id()))) {
                throw new IOException(backend + " holds no secret for the " + entry.state().label() + " key "
                        + entry.id() + " that " + file.path() + " lists: open the key store the ring was made with");
            }
        }
    }

    private void start(Path legacyKeyFile) throws GeneralSecurityException, IOException {
        List<String> orphans = backend.aliases().stream().filter(alias -> alias.startsWith(purpose.label() + "-"))
                .sorted().toList();
        if (!orphans.isEmpty()) {
            throw new IOException(backend + " holds " + orphans + " but " + file.path() + " is missing: restore it from "
                    + "a backup (a new ring would destroy those keys)");
        }
        if (Files.exists(legacyKeyFile)) {
            KeyFile legacy = KeyFile.read(legacyKeyFile);
            byte[] publicPart = purpose.take(backend, alias(legacy.id()), legacy.secret());
            save(List.of(new RingEntry(legacy.id(), KeyState.ACTIVE, clock.instant(), publicPart)));
            report(KeyEvent.Kind.IMPORTED, legacy.id(), KeyState.ACTIVE);
        } else {
            RingEntry first = make("k1");
            save(List.of(first));
            report(KeyEvent.Kind.CREATED, first.id(), KeyState.ACTIVE);
        }
    }

    /** A new key's secret, stored; over any left by a rotation that crashed before naming it, so never used. */
    private RingEntry make(String id) throws GeneralSecurityException, IOException {
        backend.delete(alias(id));
        return new RingEntry(id, KeyState.ACTIVE, clock.instant(), purpose.create(backend, alias(id), random));
    }

    private String nextId() {
        long highest = 0;
        for (RingEntry entry : entries) {
            Matcher numbered = NUMBERED.matcher(entry.id());
            if (numbered.matches()) {
                highest = Math.max(highest, Long.parseLong(numbered.group(1)));
            }
        }
        return "k" + (highest + 1);
    }

    private void save(List<RingEntry> next) throws GeneralSecurityException, IOException {
        file.write(next);
        entries = List.copyOf(next);
    }
}
