package org.sekimori.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data system stand-in that records what reaches it, so a test can show what the gateway sends
 * upstream (and what it never sends). It answers every request with a small JSON record, a cookie,
 * a cache lifetime and a correlation id of its own, none of which the gateway may pass on.
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the data system received it. */
    public record Received(String method, String path, Headers headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public RecordingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders()));
            byte[] body = "{\"memberNumber\":\"M000001\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Set-Cookie", "upstream=1; Path=/");
            exchange.getResponseHeaders().add("Sekimori-Correlation-Id", "upstream-chosen");
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=86400");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
