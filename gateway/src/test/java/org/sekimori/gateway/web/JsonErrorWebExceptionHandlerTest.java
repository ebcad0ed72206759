package org.sekimori.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Period;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.filter.ExchangeAttributes;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Ledger;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonErrorWebExceptionHandlerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonErrorWebExceptionHandler handler = new JsonErrorWebExceptionHandler(new JsonResponses(json),
            new Ledger(List.of(new DataSystem("followup", "n", "k", "m", "s", "r", Period.ofYears(3), "d", List.of(),
                    List.of(), List.of()))));

    @Test
    void handleWhenPasswordPoolFullThen503() {
        assertThat(answer(new RejectedExecutionException("queue full")).path("status").asInt()).isEqualTo(503);
    }

    @Test
    void handleWhenDataSystemUnreachableOrSlowThen502Or504() {
        assertThat(answer(new ConnectException("refused")).path("status").asInt()).isEqualTo(502);
        assertThat(answer(new TimeoutException()).path("status").asInt()).isEqualTo(504);
    }

    @Test
    void handleWhenUnexpectedThen500WithoutTheExceptionsMessage() {
        JsonNode body = answer(new IllegalStateException("patient 田中 F00001"));

        assertThat(body.path("status").asInt()).isEqualTo(500);
        assertThat(body.path("correlationId").asString()).isEqualTo("c-1");
        assertThat(body.toString()).doesNotContain("F00001").doesNotContain("IllegalStateException");
    }

    private JsonNode answer(Throwable failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/systems/followup/x"));
        exchange.getAttributes().put(ExchangeAttributes.CORRELATION_ID, "c-1");
        handler.handle(exchange, failure).block();
        assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.OK);
        return json.readTree(exchange.getResponse().getBodyAsString().block());
    }
}
