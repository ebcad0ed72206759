package org.sekimori.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak, unpacked from Maven Central by the build, started in development mode on
 * 127.0.0.1 with an in-memory database and the realms under {@code deploy/keycloak} imported.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak with {@code environment} added (the realm files may refer to it) and waits until it serves. */
    public static KeycloakServer start(Map<String, String> environment) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("sekimori.keycloak.home", ""));
        Path realms = Path.of(System.getProperty("sekimori.keycloak.realms", ""));
        if (!Files.isExecutable(home.resolve("bin/kc.sh")) || !Files.isDirectory(realms)) {
            throw new IllegalStateException("Keycloak is not unpacked at '" + home + "' or the realms are not at '"
                    + realms + "'; run the tests with ./mvnw verify, which unpacks it first.");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (Stream<Path> files = Files.list(realms)) {
            for (Path realm : files.filter(file -> file.toString().endsWith("-realm.json")).toList()) {
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port = DemoSystemProcess.freePort();
        Path log = Files.createTempFile("keycloak", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + DemoSystemProcess.freePort(), "--db=dev-mem", "--import-realm",
                "--cache=local"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx640m");
        builder.environment().putAll(environment);
        KeycloakServer keycloak = new KeycloakServer(builder.start(), port, log);
        // Keycloak runs in its own JVM: a test run that is stopped early must not leave it behind.
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
        keycloak.awaitRealm("sekimori");
        return keycloak;
    }

    /** The issuer ({@code iss}) of a realm's tokens. */
    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    public URI jwkSetUri(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/certs");
    }

    /**
     * The tokens a script gets by logging in with a user's password at {@code client} (the resource
     * owner password grant, which {@code sekimori-cli} allows so that tests need no browser).
     */
    public JsonNode passwordGrant(String realm, String client, String username, String password)
            throws IOException, InterruptedException {
        String form = Map.of("grant_type", "password", "client_id", client, "username", username,
                "password", password, "scope", "openid").entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the password grant: " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void awaitRealm(String realm) throws IOException, InterruptedException {
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited:\n" + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + STARTUP + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Stops Keycloak's JVM and the script that started it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
