package org.sekimori.gateway.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a gateway under test at its two data systems, with a pseudonym key of its own. */
public final class GatewayUpstreams {

    private GatewayUpstreams() {
    }

    public static void register(DynamicPropertyRegistry properties, Supplier<URI> followup, Supplier<URI> registry,
            Path dataDir) {
        properties.add("sekimori.upstreams.followup", () -> followup.get().toString());
        properties.add("sekimori.upstreams.registry", () -> registry.get().toString());
        properties.add("sekimori.pseudonym-key", () -> dataDir.resolve("keys/pseudonym.key").toString());
    }
}
