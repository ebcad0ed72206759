package org.sekimori.policy.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The handlers known to the gateway, by user ID. */
public final class Directory {

    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    public Directory(List<Handler> handlers) {
        for (Handler handler : handlers) {
            if (this.handlers.putIfAbsent(handler.userId(), handler) != null) {
                throw new IllegalArgumentException("user ID '" + handler.userId() + "' is listed twice");
            }
        }
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
