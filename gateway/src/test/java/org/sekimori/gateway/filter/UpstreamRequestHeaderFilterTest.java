package org.sekimori.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.tls.HandlerAssertion;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class UpstreamRequestHeaderFilterTest {

    /** Without a permitted request of a handler there is no assertion to send, nor a key to load. */
    private final UpstreamRequestHeaderFilter filter = new UpstreamRequestHeaderFilter(
            new HandlerAssertion(Path.of("no-key-needed.jwk"), "https://sekimori.test", Clock.systemUTC()));

    @Test
    void filterWhenClientClaimsIdentityOrSendsCredentialsThenOnlyTheAllowListAndTheCorrelationIdPass() {
        HttpHeaders sent = new HttpHeaders();
        for (String name : List.of("X-User-Id", "X_User_Id", "x-forwarded-for", "Forwarded", "Via", "X-Real-IP",
                "Sekimori-Roles", "X-Client-Cert", "Cookie", "Authorization", "Proxy-Authorization", "X-CSRF-TOKEN",
                "Sekimori-Correlation-Id", "Sekimori-Assertion", "Host", "Origin", "Referer")) {
            sent.add(name, "forged");
        }
        sent.add("Accept", "application/json");
        sent.add("content-type", "application/json");
        sent.add("If-None-Match", "\"v1\"");
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/systems/a/b"));
        exchange.getAttributes().put(ExchangeAttributes.CORRELATION_ID, "gateway-id");

        HttpHeaders forwarded = filter.filter(sent, exchange);

        assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("Accept", "content-type", "Accept-Encoding",
                CorrelationIdFilter.HEADER);
        assertThat(forwarded.getFirst(CorrelationIdFilter.HEADER)).isEqualTo("gateway-id");
    }

    @Test
    void filterWhenClientAsksForCompressionARangeOrAConditionThenTheDataSystemIsAskedForTheWholePlainBody() {
        HttpHeaders sent = new HttpHeaders();
        sent.add("Accept-Encoding", "gzip, br");
        sent.add("Range", "bytes=0-99");
        sent.add("If-Range", "\"v1\"");
        sent.add("If-None-Match", "\"v1\"");
        sent.add("If-Modified-Since", "Fri, 09 Apr 2021 03:26:42 GMT");

        HttpHeaders forwarded = filter.filter(sent, MockServerWebExchange.from(MockServerHttpRequest.get("/")));

        assertThat(forwarded.get("Accept-Encoding")).containsExactly("identity");
        assertThat(forwarded.headerNames()).map(String::toLowerCase).doesNotContain("range", "if-range",
                "if-none-match", "if-modified-since");
    }

    @Test
    void filterWhenAllowedHeaderRepeatsThenEveryValuePasses() {
        HttpHeaders sent = new HttpHeaders();
        sent.add("Accept", "application/json");
        sent.add("Accept", "text/csv");

        HttpHeaders forwarded = filter.filter(sent, MockServerWebExchange.from(MockServerHttpRequest.get("/")));

        assertThat(forwarded.get("Accept")).containsExactly("application/json", "text/csv");
    }
}
