package org.sekimori.gateway.filter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a fresh correlation id, sent back to the client and (by
 * {@link UpstreamRequestHeaderFilter}) on to the data system. A client's own value is never used:
 * it would let one request pose as another in the records.
 *
 * <p>The id only has to be unique, not secret, so it comes from {@link ThreadLocalRandom} (122
 * random bits in UUID form) rather than from the contended {@code SecureRandom} behind
 * {@link UUID#randomUUID()}.
 */
@Component
public class CorrelationIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "Sekimori-Correlation-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = newId();
        exchange.getAttributes().put(ExchangeAttributes.CORRELATION_ID, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    @Override
    public int getOrder() {
        return FilterOrder.CORRELATION_ID;
    }
}
