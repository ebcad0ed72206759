package org.sekimori.gateway.support;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.sekimori.keys.assertion.AssertionSigningKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo data system running as its own process from the jar that {@code deploy/demo-systems}
 * builds, as it runs in the demo: over HTTPS with a server certificate from the gateway's internal
 * CA (issued by the gateway's {@code issue-certificate} command), serving only the gateway's client
 * certificate for it and the test's operator's (from that CA), and only requests with the
 * gateway's assertion.
 */
public final class DemoSystemProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = "test-operator";

    private final Process process;
    private final int port;
    private final Path log;
    private final String system;
    private final Path keys;
    private final HttpClient operator;

    private DemoSystemProcess(Process process, int port, Path log, String system, Path keys) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.system = system;
        this.keys = keys;
        this.operator = HttpClient.newBuilder().sslContext(GatewayCaFiles.clientContext(keys, OPERATOR)).build();
    }

    public static DemoSystemProcess start(String system, int subjects, Path dataDir) throws IOException, InterruptedException {
        String jar = System.getProperty("sekimori.demo-systems.jar", "");
        if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The demo data systems jar '" + jar + "' is missing; build it first "
                    + "with ./mvnw verify from the project root (it packages deploy/demo-systems before these tests).");
        }
        int port = freePort();
        Path log = Files.createTempFile("demo-" + system, ".log");
        // The keys of the test's gateway, where GatewayUpstreams puts them: the system serves only
        // requests that carry the gateway's assertion.
        Path keys = dataDir.resolveSibling("keys");
        GatewayCaFiles.issue(keys, "--server", system, "--dns", "localhost");
        GatewayCaFiles.issue(keys, "--client", OPERATOR);
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--sekimori.demo.system=" + system, "--server.port=" + port,
                "--sekimori.demo.subjects=" + subjects, "--sekimori.demo.data-dir=" + dataDir,
                "--sekimori.demo.assertion-keys=" + keys.resolve("assertion-keys.json"),
                "--spring.profiles.active=mtls", "--sekimori.demo.keys=" + keys,
                "--sekimori.demo.client-subjects=" + OPERATOR))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DemoSystemProcess demo = new DemoSystemProcess(process, port, log, system, keys);
        demo.awaitHealthy();
        return demo;
    }

    public URI uri() {
        return URI.create("https://localhost:" + port);
    }

    /**
     * The body of a GET of {@code path} straight from the data system, past the gateway: with an
     * assertion signed by the gateway's key and an operator's client certificate, as its operator
     * (who can read the key files) could.
     */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = operator.send(HttpRequest.newBuilder(uri().resolve(path))
                .header("Sekimori-Assertion", operatorAssertion(uri().resolve(path).getRawPath())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " of the demo data system answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String operatorAssertion(String path) throws IOException {
        AssertionSigningKey key = AssertionSigningKey.loadOrCreate(keys.resolve("assertion-signing.jwk"));
        Path published = keys.resolve("assertion-keys.json");
        if (!Files.exists(published)) { // the gateway has not used its key yet: publish it as the gateway would
            Files.writeString(published, JSONObjectUtils.toJSONString(key.publicJwkSet()));
        }
        Instant now = Instant.now();
        return key.sign(new JWTClaimsSet.Builder().subject(OPERATOR).audience(system)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).claim("htm", "GET")
                .claim("htu", path).build());
    }

    /** {@link #get} read as JSON. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The demo data system exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = operator.send(HttpRequest.newBuilder(uri().resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The demo data system did not become healthy in " + STARTUP + ":\n"
                + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
