package org.sekimori.gateway.admin;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.sekimori.gateway.tls.UpstreamTls;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks each data system how many records it holds, over the same TLS (client certificate, trust
 * anchors) as the gateway's routes to it. Never fails: a data system that cannot be reached, is
 * slower than the timeout, answers other than 200, or does not give a whole number gets an
 * {@link RecordCount.Unknown} saying which.
 */
final class RecordCounts {

    /** More than any count answer needs; a larger one is refused rather than buffered. */
    static final int MAX_ANSWER = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, URI> upstreams;
    private final Function<String, WebClient> clients;
    private final String path;
    private final String member;
    private final Duration timeout;
    private final String source;

    /** Over the gateway's TLS toward each data system. */
    RecordCounts(Map<String, URI> upstreams, UpstreamTls tls, AdminProperties properties) {
        this(upstreams, dataSystem -> tls.webClientFor(dataSystem, MAX_ANSWER), properties);
    }

    /** @param clients the web client to reach each data system with, by id */
    RecordCounts(Map<String, URI> upstreams, Function<String, WebClient> clients, AdminProperties properties) {
        this.upstreams = Map.copyOf(upstreams);
        this.clients = clients;
        this.path = properties.recordCountPath();
        this.member = properties.recordCountMember();
        this.timeout = properties.recordCountTimeout();
        this.source = "GET " + path + ", member \"" + member + "\"";
    }

    /** The count {@code dataSystem} gives now; never an error. */
    Mono<RecordCount> of(String dataSystem) {
        URI base = upstreams.get(dataSystem);
        if (base == null) {
            return Mono.just(unknown("the data system has no upstream configured"));
        }
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        return clients.apply(dataSystem).get().uri(uri).accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_ENCODING, "identity")
                .exchangeToMono(response -> response.statusCode().value() != 200
                        ? response.releaseBody().thenReturn(unknown("the data system answered "
                                + response.statusCode().value()))
                        : response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(this::count))
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, e -> Mono.just(unknown("the data system did not answer within "
                        + timeout.toMillis() + " ms")))
                .onErrorResume(e -> Mono.just(unknown("the data system could not be asked: " + describe(e))));
    }

    private RecordCount count(byte[] body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            return unknown("the answer is not JSON");
        }
        JsonNode records = answer == null ? null : answer.get(member);
        if (records == null || records.isNull()) {
            return unknown("the answer does not say how many records there are (no \"" + member + "\")");
        }
        if (!records.isIntegralNumber() || !records.canConvertToLong() || records.asLong() < 0) {
            return unknown("the answer's \"" + member + "\" is not a whole number of records");
        }
        return new RecordCount.Counted(records.asLong(), source);
    }

    private RecordCount unknown(String reason) {
        return new RecordCount.Unknown(reason, source);
    }

    /** The cause's kind and message, without the stack: enough to tell refused from unresolvable from TLS. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
