package org.sekimori.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Counts from data systems that answer well, badly, slowly or not at all; never an error. */
class RecordCountsTest {

    private static final String SOURCE = "GET /health, member \"records\"";

    private HttpServer server;
    private RecordCounts counts;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/ok/health", 200, "{\"status\":\"UP\",\"records\":42}");
        answer("/down/health", 503, "{\"status\":\"DOWN\"}");
        answer("/silent/health", 200, "{\"status\":\"UP\"}");
        answer("/fraction/health", 200, "{\"records\":4.5}");
        answer("/html/health", 200, "<html>");
        server.createContext("/slow/health", exchange -> {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Map<String, URI> upstreams = Map.of("ok", base.resolve("/ok"), "down", base.resolve("/down"),
                "silent", base.resolve("/silent"), "fraction", base.resolve("/fraction"), "html", base.resolve("/html"),
                "slow", base.resolve("/slow"), "closed", URI.create("http://127.0.0.1:1"));
        counts = new RecordCounts(upstreams, dataSystem -> WebClient.create(),
                new AdminProperties("/health", "records", Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countWhenTheDataSystemSaysThenCounted() {
        assertThat(counts.of("ok").block()).isEqualTo(new RecordCount.Counted(42, SOURCE));
    }

    @Test
    void countWhenTheDataSystemCannotOrDoesNotSayThenUnknownWithTheReason() {
        assertThat(reason("down")).isEqualTo("the data system answered 503");
        assertThat(reason("silent")).isEqualTo("the answer does not say how many records there are (no \"records\")");
        assertThat(reason("fraction")).isEqualTo("the answer's \"records\" is not a whole number of records");
        assertThat(reason("html")).isEqualTo("the answer is not JSON");
        assertThat(reason("slow")).isEqualTo("the data system did not answer within 2000 ms");
        assertThat(reason("closed")).startsWith("the data system could not be asked: ");
        assertThat(reason("unregistered")).isEqualTo("the data system has no upstream configured");
    }

    private String reason(String dataSystem) {
        RecordCount count = counts.of(dataSystem).block(Duration.ofSeconds(5));
        assertThat(count).isInstanceOf(RecordCount.Unknown.class);
        assertThat(count.source()).isEqualTo(SOURCE);
        return ((RecordCount.Unknown) count).reason();
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
