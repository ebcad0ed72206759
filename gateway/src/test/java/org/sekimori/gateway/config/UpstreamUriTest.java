package org.sekimori.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamUriTest {

    @Test
    void problemWhenPlainBaseUriThenNone() {
        assertThat(UpstreamUri.problem(URI.create("http://127.0.0.1:8081"))).isNull();
        assertThat(UpstreamUri.problem(URI.create("http://localhost:8081"))).isNull();
        assertThat(UpstreamUri.problem(URI.create("http://[::1]:8081"))).isNull();
        assertThat(UpstreamUri.problem(URI.create("https://records.example.jp/api"))).isNull();
    }

    @Test
    void problemWhenUriCannotBeAnUpstreamThenSaysWhy() {
        assertThat(UpstreamUri.problem(URI.create("/subjects")))
                .isEqualTo("must be an absolute URI with a host, like https://localhost:8081");
        assertThat(UpstreamUri.problem(URI.create("ftp://files.example.jp"))).isEqualTo("must use http or https, not ftp");
        assertThat(UpstreamUri.problem(URI.create("https://svc:secret@records.example.jp")))
                .isEqualTo("must not carry credentials; the gateway asserts who the handler is itself");
        assertThat(UpstreamUri.problem(URI.create("https://records.example.jp/?debug=1")))
                .isEqualTo("must not have a query or fragment");
        for (String elsewhere : new String[] {"http://records.example.jp", "http://10.0.0.5:8081",
                "http://127.0.0.1.example.jp", "http://localhost.example.jp"}) {
            assertThat(UpstreamUri.problem(URI.create(elsewhere))).as(elsewhere)
                    .startsWith("must be https: for a data system on another host");
        }
    }
}
