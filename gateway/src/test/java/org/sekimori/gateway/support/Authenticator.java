package org.sekimori.gateway.support;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sekimori.keys.Base32;
import org.sekimori.keys.Totp;

/**
 * A handler's authenticator app, as tests hold it: the enrolled secret per gateway and user ID, and
 * a fresh code each time. A code is good once, so when this step's code was used, it waits for the
 * next step (at most 30 s) as a person would.
 */
public final class Authenticator {

    private static final Map<String, Authenticator> ENROLLED = new ConcurrentHashMap<>();

    private final byte[] secret;
    private long lastStep;

    private Authenticator(String secret) {
        this.secret = Base32.decode(secret);
    }

    public static Authenticator enrol(int port, String userId, String secret) {
        Authenticator device = new Authenticator(secret);
        ENROLLED.put(port + "/" + userId, device);
        return device;
    }

    /** The gateway at {@code before} restarted at {@code after} with the same credential store. */
    public static void restarted(int before, int after) {
        ENROLLED.entrySet().stream().filter(entry -> entry.getKey().startsWith(before + "/")).toList()
                .forEach(entry -> ENROLLED.put(after + entry.getKey().substring(entry.getKey().indexOf('/')),
                        entry.getValue()));
    }

    public static Authenticator of(int port, String userId) {
        Authenticator device = ENROLLED.get(port + "/" + userId);
        if (device == null) {
            throw new IllegalStateException(userId + " has no authenticator enrolled at the gateway on port " + port);
        }
        return device;
    }

    /** A code of a step not used yet: the current one, the next (the gateway accepts one step ahead) or, after a wait, later. */
    public synchronized String nextCode() throws InterruptedException {
        long step = Totp.step(Instant.now());
        if (step <= lastStep) {
            step = lastStep + 1;
        }
        while (step > Totp.step(Instant.now()) + 1) {
            Thread.sleep(1_000);
        }
        lastStep = step;
        return new Totp(1).code(secret, step);
    }

    /** The code of a step already used: a replay. */
    public synchronized String usedCode() {
        return new Totp(1).code(secret, lastStep);
    }
}
