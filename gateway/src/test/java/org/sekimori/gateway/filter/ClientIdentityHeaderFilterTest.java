package org.sekimori.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdentityHeaderFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-For", "x-forwarded-host", "FORWARDED", "X-Real-IP", "X-User-Id",
            "x-user-roles", "Sekimori-Roles", "sekimori-assertion", "X-Sekimori-User", "X-Remote-User",
            "X-Auth-Request-User", "True-Client-IP", "X-Original-URL", "X_User_Id", "X_FORWARDED_FOR", "Via",
            "X-Forwarded", "X-Client-Cert", "X-SSL-Client-Verify"})
    void isIdentityHeaderWhenClientClaimsIdentityOrAddressThenTrue(String name) {
        assertThat(ClientIdentityHeaderFilter.isIdentityHeader(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type", "User-Agent", "X-CSRF-TOKEN", "If-None-Match", "X-Request-Id"})
    void isIdentityHeaderWhenOrdinaryHeaderThenFalse(String name) {
        assertThat(ClientIdentityHeaderFilter.isIdentityHeader(name)).isFalse();
    }
}
