package org.sekimori.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.sekimori.keys.export.Gpg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A script's view of the gateway: a real HTTP client with its own cookie jar, as curl with
 * {@code -c}/{@code -b} would use it. An encrypted export is opened as its handler would open it:
 * its password picked up, the file decrypted by {@code gpg}; {@link #send} answers the opened
 * content under the response's own status and headers ({@link #sendForBytes} the file itself).
 */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final CookieManager cookies;
    private final HttpClient http;
    private final Map<String, String> defaults = new java.util.LinkedHashMap<>();

    public GatewayClient(int port) {
        this(URI.create("http://127.0.0.1:" + port), new CookieManager());
    }

    private GatewayClient(URI base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client in the same session (the same cookies, the headers sent so far) whose later headers are its own. */
    public GatewayClient sameSession() {
        GatewayClient copy = new GatewayClient(base, cookies);
        copy.defaults.putAll(defaults);
        return copy;
    }

    /** States {@code purpose} (the Sekimori-Purpose header) on every later request, as a script would. */
    public GatewayClient purpose(String purpose) {
        defaults.put("Sekimori-Purpose", purpose);
        return this;
    }

    /** A header this client sends on every request (such as the CSRF token after login), or null. */
    public String sentHeader(String name) {
        return defaults.get(name);
    }

    /**
     * Sends {@code name: value} on every later request, or no longer sends it when {@code value} is
     * null (a header given to {@link #send} still wins).
     */
    public GatewayClient header(String name, String value) {
        if (value == null) {
            defaults.remove(name);
        } else {
            defaults.put(name, value);
        }
        return this;
    }

    public CookieManager cookies() {
        return cookies;
    }

    public HttpResponse<String> login(String userId, String password) throws IOException, InterruptedException {
        return send("POST", "/api/session", JSON.writeValueAsString(Map.of("userId", userId, "password", password)),
                Map.of("Content-Type", "application/json"));
    }

    /** A JSON POST, as a script sends one. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, Map.of("Content-Type", "application/json", "Accept", "application/json"));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of("Accept", "application/json"));
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = sendForBytes(method, path, body, headers);
        Optional<String> exportId = response.headers().firstValue("Sekimori-Export-Id");
        byte[] content = response.body();
        if (exportId.isPresent() && response.statusCode() == 200) {
            HttpResponse<String> password = post("/api/exports/" + exportId.get() + "/password", "{}");
            if (password.statusCode() != 200) {
                throw new IllegalStateException("the export's password was refused: " + password.body());
            }
            content = Receiver.GPG.decrypt(content, json(password).path("password").asString().toCharArray())
                    .content().orElseThrow(() -> new IllegalStateException("gpg could not open the export"));
        }
        return new Opened(response, new String(content, StandardCharsets.UTF_8));
    }

    /** {@link #send}, answering the body as it came, bytes. */
    public HttpResponse<byte[]> sendForBytes(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        // A bounded wait, so a gateway that never answers fails the test instead of hanging the build.
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        defaults.forEach((name, value) -> {
            if (!headers.containsKey(name)) {
                request.header(name, value);
            }
        });
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The receiver of exports for the whole test run: gpg in a home of its own under the build directory. */
    private static final class Receiver {

        static final Gpg GPG = start();

        private static Gpg start() {
            try {
                Gpg gpg = new Gpg(Path.of("target", "export-receiver-gpg").toAbsolutePath());
                Runtime.getRuntime().addShutdownHook(new Thread(gpg::close));
                return gpg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A response with its body read as UTF-8 text, or the export it carried opened. */
    private record Opened(HttpResponse<byte[]> response, String body) implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }

    /**
     * Sends a GET written byte for byte, for headers {@link HttpClient} refuses to send (such as
     * {@code Connection}), with this client's cookies; answers the response head.
     */
    public String rawGet(String path, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        cookies.getCookieStore().getCookies()
                .forEach(cookie -> request.append("Cookie: ").append(cookie).append("\r\n"));
        defaults.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
