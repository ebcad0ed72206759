package org.sekimori.policy.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers known to the gateway, by user ID. One directory is in force for the gateway's life;
 * an approved change {@link #replace replaces} its handlers whole, so every reader sees one version.
 */
public final class Directory {

    private volatile Map<String, Handler> handlers;

    public Directory(List<Handler> handlers) {
        Map<String, Handler> byUserId = new LinkedHashMap<>();
        for (Handler handler : handlers) {
            if (byUserId.putIfAbsent(handler.userId(), handler) != null) {
                throw new IllegalArgumentException("user ID '" + handler.userId() + "' is listed twice");
            }
        }
        this.handlers = byUserId;
    }

    /** Puts the handlers of {@code next} in force in place of these. */
    public void replace(Directory next) {
        handlers = next.handlers;
    }

    public Optional<Handler> handler(String userId) {
        return Optional.ofNullable(handlers.get(userId));
    }

    /** The handler an account at an external identity provider logs in as, if the directory lists it. */
    public Optional<Handler> handler(ExternalIdentity identity) {
        return handlers.values().stream().filter(handler -> handler.externalIdentities().contains(identity))
                .findFirst();
    }

    public List<Handler> handlers() {
        return List.copyOf(handlers.values());
    }
}
