package org.sekimori.gateway.external;

import org.sekimori.keys.token.IssuerKeys;
import reactor.core.publisher.Mono;

/** Where an issuer's signing keys come from: fetched from its JWK set URL, or the gateway's own. */
interface KeySource {

    Mono<IssuerKeys> keys();

    /** The keys again after a token named one not among them (the issuer may have rotated). */
    Mono<IssuerKeys> afterUnknownKey();

    /** The gateway's own token key: nothing to fetch, nothing to rotate to. */
    static KeySource fixed(IssuerKeys keys) {
        return new KeySource() {
            @Override
            public Mono<IssuerKeys> keys() {
                return Mono.just(keys);
            }

            @Override
            public Mono<IssuerKeys> afterUnknownKey() {
                return Mono.just(keys);
            }
        };
    }
}
