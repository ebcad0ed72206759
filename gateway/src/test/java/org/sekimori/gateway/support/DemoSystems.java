package org.sekimori.gateway.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Both demo data systems as processes, with the gateway under test pointed at them and at its own data directory. */
public final class DemoSystems implements AutoCloseable {

    private final DemoSystemProcess followup;
    private final DemoSystemProcess registry;

    private DemoSystems(DemoSystemProcess followup, DemoSystemProcess registry) {
        this.followup = followup;
        this.registry = registry;
    }

    /** The follow-up data system, for reading it past the gateway or stopping it. */
    public DemoSystemProcess followup() {
        return followup;
    }

    /** The society's member registry, for reading it past the gateway or stopping it. */
    public DemoSystemProcess registry() {
        return registry;
    }

    /** Starts both with ten subjects each and registers the gateway's properties for them. */
    public static DemoSystems start(DynamicPropertyRegistry properties, Path dataDir) throws Exception {
        DemoSystems demo = new DemoSystems(DemoSystemProcess.start("followup", 10, dataDir.resolve("followup")),
                DemoSystemProcess.start("registry", 10, dataDir.resolve("registry")));
        GatewayUpstreams.register(properties, demo.followup::uri, demo.registry::uri, dataDir);
        return demo;
    }

    @Override
    public void close() {
        followup.close();
        registry.close();
    }
}
