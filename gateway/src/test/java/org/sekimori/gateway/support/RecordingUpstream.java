package org.sekimori.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A data system stand-in that records what reaches it, so a test can show what the gateway sends
 * upstream (and what it never sends). By default it answers every request with a small JSON record,
 * a cookie, a cache lifetime and a correlation id of its own, none of which the gateway may pass on;
 * {@link #answer} makes it answer otherwise (another body, type, status or content coding).
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the data system received it. */
    public record Received(String method, String path, Headers headers, String body) {
    }

    /**
     * What the stand-in answers.
     *
     * @param contentType the Content-Type, or null for none
     * @param contentEncoding the Content-Encoding, or null for none
     */
    public record Reply(int status, String contentType, String contentEncoding, byte[] body) {

        public static final Reply DEFAULT = json("{\"memberNumber\":\"M000001\"}");

        public static Reply json(String body) {
            return of(200, "application/json", body);
        }

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, null, body.getBytes(StandardCharsets.UTF_8));
        }

        /** This reply's body gzip-compressed, labelled {@code Content-Encoding: gzip}. */
        public Reply gzipped() {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Reply(status, contentType, "gzip", compressed.toByteArray());
        }

        /** This reply's body as it is, labelled with {@code coding}. */
        public Reply labelled(String coding) {
            return new Reply(status, contentType, coding, body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> answer = request -> Reply.DEFAULT;

    public RecordingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            Reply reply = answer.apply(request);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            }
            if (reply.contentEncoding() != null) {
                exchange.getResponseHeaders().add("Content-Encoding", reply.contentEncoding());
            }
            exchange.getResponseHeaders().add("Set-Cookie", "upstream=1; Path=/");
            exchange.getResponseHeaders().add("Sekimori-Correlation-Id", "upstream-chosen");
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=86400");
            boolean empty = reply.body().length == 0;
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
            if (!empty) {
                exchange.getResponseBody().write(reply.body());
            }
            exchange.close();
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers every later request with {@code reply}. */
    public void answer(Reply reply) {
        answer(request -> reply);
    }

    /** Answers every later request with what {@code answer} makes of it. */
    public void answer(Function<Received, Reply> answer) {
        this.answer = answer;
    }

    /**
     * An answer like a data system's: {@code csv} for an export (a path ending in .csv), nothing for a
     * DELETE, a page holding {@code record} for a GET of a collection, {@code record} otherwise.
     */
    public static Function<Received, Reply> dataSystem(String record, String csv) {
        return request -> {
            if (request.path().endsWith(".csv")) {
                return Reply.of(200, "text/csv;charset=UTF-8", csv);
            }
            if (request.method().equals("DELETE")) {
                return Reply.of(204, null, "");
            }
            if (request.method().equals("GET") && request.path().lastIndexOf('/') == 0) {
                return Reply.json("{\"items\":[" + record + "],\"page\":0,\"size\":50,\"total\":1}");
            }
            return Reply.json(record);
        };
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets the requests received so far. */
    public void clear() {
        received.clear();
    }

    /** Forgets the requests received so far and answers with the default record again. */
    public void reset() {
        clear();
        answer(Reply.DEFAULT);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
