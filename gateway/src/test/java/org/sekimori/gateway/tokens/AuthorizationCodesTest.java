package org.sekimori.gateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.security.AuthenticatedHandler;
import org.sekimori.gateway.security.AuthenticationMethod;
import org.sekimori.gateway.support.SettableClock;

class AuthorizationCodesTest {

    private static final URI CALLBACK = URI.create("http://127.0.0.1:53682/callback");
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final SettableClock clock = new SettableClock("2026-12-03T10:00:00+09:00");
    private final AuthorizationCodes codes = new AuthorizationCodes(clock);

    @Test
    void aCodeIsGoodOnceForAMinute() {
        String code = issue(handler("nurse.sato")).orElseThrow();
        String late = issue(handler("nurse.sato")).orElseThrow();

        assertThat(codes.redeem(code)).hasValueSatisfying(grant -> assertThat(grant.clientId()).isEqualTo("cli"));
        assertThat(codes.redeem(code)).isEmpty();
        clock.advance(AuthorizationCodes.LIFETIME);
        assertThat(codes.redeem(late)).isEmpty();
        assertThat(codes.redeem(null)).isEmpty();
    }

    @Test
    void aHandlerCannotHoldMoreThanAFewUnredeemedCodesUntilTheyExpire() {
        for (int i = 0; i < AuthorizationCodes.MAX_PENDING_PER_HANDLER; i++) {
            assertThat(issue(handler("nurse.sato"))).isPresent();
        }

        assertThat(issue(handler("nurse.sato"))).isEmpty();
        assertThat(issue(handler("epi.suzuki"))).as("others are not held up").isPresent();
        clock.advance(AuthorizationCodes.LIFETIME);
        assertThat(issue(handler("nurse.sato"))).as("expired codes no longer count").isPresent();
    }

    private Optional<String> issue(AuthenticatedHandler handler) {
        return codes.issue("cli", CALLBACK, CHALLENGE, handler, Optional.empty());
    }

    private static AuthenticatedHandler handler(String userId) {
        return new AuthenticatedHandler(userId, userId, List.of("nurse"), Map.of(), AuthenticationMethod.PASSWORD,
                false);
    }
}
