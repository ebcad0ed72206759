package org.sekimori.gateway.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test of the running gateway (a {@code @SpringBootTest} on a random port) in front of recording
 * stand-ins of both data systems, with its keys, records and stores under the class's own temporary
 * directory. Subclasses differ in their properties, so no two share a context and its directory.
 */
public abstract class OnRecordingUpstreams {

    @TempDir
    protected static Path dataDir;

    protected static RecordingUpstreams upstreams;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void recordingUpstreams(DynamicPropertyRegistry properties) throws Exception {
        upstreams = RecordingUpstreams.start(properties, dataDir);
    }

    @AfterAll
    static void stopRecordingUpstreams() throws Exception {
        upstreams.close();
    }
}
