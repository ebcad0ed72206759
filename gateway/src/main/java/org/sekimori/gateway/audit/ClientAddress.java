package org.sekimori.gateway.audit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sekimori.policy.load.Cidr;
import org.sekimori.policy.model.NetworkRange;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request really came from: the peer, unless the peer is a configured trusted proxy,
 * in which case the nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 * A client cannot choose its own address by sending the header: from anyone else it is ignored.
 */
public final class ClientAddress {

    private final List<NetworkRange> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        List<NetworkRange> ranges = new ArrayList<>();
        for (String cidr : trustedProxies) {
            ranges.add(Cidr.parse(cidr).orElseThrow(() -> new IllegalArgumentException(
                    "sekimori.audit.trusted-proxies: '" + cidr + "' is not an address block such as 10.0.0.0/8")));
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    public InetAddress of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress address = peer == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
        if (!trusted(address)) {
            return address;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Cidr.address(forwarded.get(i).strip());
            if (hop.isEmpty()) {
                return address; // a hop that is not an address: believe nothing further out
            }
            address = hop.get();
            if (!trusted(address)) {
                return address;
            }
        }
        return address;
    }

    private boolean trusted(InetAddress address) {
        for (NetworkRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
