package org.sekimori.gateway.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Notices changes to the policy and subject files and has them reloaded. Polls each file's
 * modification time and size: file-system events are lost on some mounts (NFS, container
 * volumes), a poll every few seconds is not.
 */
final class PolicyReloader implements SmartLifecycle {

    private final CurrentPolicy policy;
    private final Path policyFile;
    private final Path subjectsFile;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private String policyStamp;
    private String subjectsStamp;

    PolicyReloader(CurrentPolicy policy, Path policyFile, Path subjectsFile, Duration interval) {
        this.policy = policy;
        this.policyFile = policyFile;
        this.subjectsFile = subjectsFile;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        policyStamp = stamp(policyFile);
        subjectsStamp = stamp(subjectsFile);
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "policy-reload");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Reloads what changed since the last check. */
    synchronized void check() {
        String policyNow = stamp(policyFile);
        if (!policyNow.equals(policyStamp)) {
            policyStamp = policyNow;
            policy.reloadPolicy();
        }
        String subjectsNow = stamp(subjectsFile);
        if (!subjectsNow.equals(subjectsStamp)) {
            subjectsStamp = subjectsNow;
            policy.reloadSubjects();
        }
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
        } catch (IOException e) {
            return "missing";
        }
    }
}
