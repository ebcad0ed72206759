package org.sekimori.gateway.support;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A stand-in for each demo data system, with the gateway under test pointed at them and at its own data directory. */
public final class RecordingUpstreams implements AutoCloseable {

    private final RecordingUpstream followup;
    private final RecordingUpstream registry;

    private RecordingUpstreams() throws IOException {
        this.followup = new RecordingUpstream();
        this.registry = new RecordingUpstream();
    }

    public static RecordingUpstreams start(DynamicPropertyRegistry properties, Path dataDir) throws IOException {
        RecordingUpstreams upstreams = new RecordingUpstreams();
        GatewayUpstreams.register(properties, upstreams.followup::uri, upstreams.registry::uri, dataDir);
        return upstreams;
    }

    public RecordingUpstream followup() {
        return followup;
    }

    public RecordingUpstream registry() {
        return registry;
    }

    @Override
    public void close() {
        followup.close();
        registry.close();
    }
}
