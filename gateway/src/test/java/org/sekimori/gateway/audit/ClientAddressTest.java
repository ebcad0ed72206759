package org.sekimori.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    static final ClientAddress BEHIND_PROXIES = new ClientAddress(List.of("10.0.0.0/8"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(BEHIND_PROXIES.of(from("203.0.113.9", "198.51.100.1")).getHostAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheNearestUntrustedForwardedAddress() {
        // the client put 192.0.2.66 first to pose as someone else; the proxies appended what they saw
        assertThat(BEHIND_PROXIES.of(from("10.0.0.2", "192.0.2.66, 198.51.100.7, 10.0.0.1")).getHostAddress())
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aForwardedHopThatIsNotAnAddressStopsTheWalk() {
        assertThat(BEHIND_PROXIES.of(from("10.0.0.2", "evil.example, 10.0.0.1")).getHostAddress())
                .isEqualTo("10.0.0.1");
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverBelieved() {
        assertThat(new ClientAddress(List.of()).of(from("10.0.0.2", "198.51.100.7")).getHostAddress())
                .isEqualTo("10.0.0.2");
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressBlockIsAConfigurationError() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sekimori.audit.trusted-proxies").hasMessageContaining("proxy.example");
    }

    private static MockServerHttpRequest from(String peer, String forwarded) {
        return MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwarded).build();
    }
}
