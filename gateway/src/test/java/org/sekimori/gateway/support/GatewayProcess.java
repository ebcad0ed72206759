package org.sekimori.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway as a process of its own, started from this test's class path, so a test can do to it
 * what happens to a real one: kill it with SIGKILL mid-load and start it again on the same data.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private GatewayProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the gateway with the demo access model and {@code properties} ({@code name=value}). */
    public static GatewayProcess start(List<String> properties) throws IOException, InterruptedException {
        int port = DemoSystemProcess.freePort();
        int managementPort = DemoSystemProcess.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.sekimori.gateway.SekimoriGatewayApplication",
                "--server.port=" + port, "--management.server.port=" + managementPort,
                "--sekimori.ledger=../deploy/demo/ledger.yaml", "--sekimori.directory=../deploy/demo/directory.yaml",
                "--sekimori.policy=../deploy/demo/policy.yaml", "--sekimori.subjects=../deploy/demo/subjects.yaml"));
        properties.forEach(property -> command.add("--" + property));
        Path log = Files.createTempFile("gateway", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, port, managementPort, log);
        gateway.awaitHealthy();
        return gateway;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited:\n" + Files.readString(log));
            }
            try {
                if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                        .body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        kill();
        throw new IllegalStateException("The gateway did not become healthy in " + STARTUP + ":\n"
                + Files.readString(log));
    }

    /** SIGTERM, and the graceful stop that seals the chain with a last checkpoint. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }
}
