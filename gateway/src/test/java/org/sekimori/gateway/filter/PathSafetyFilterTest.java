package org.sekimori.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSafetyFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/systems/followup/subjects", "/systems/followup/subjects/F00001", "/",
            "/systems/registry/members/export.csv", "/systems/followup/subjects/%E6%9D%B1"})
    void isSafeWhenPlainPathThenTrue(String path) {
        assertThat(PathSafetyFilter.isSafe(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/systems/a/../b", "/systems/a/./b", "/..", "/systems/a/%2e%2e/b", "/systems/a/%2E/b",
            "/systems/a%2Fb", "/systems/a%5cb", "/systems/a\\b", "/systems/a%00", "/systems/a;x=1", "/systems/a\u0001", "/systems/a%01", "/systems/a%09", "/systems/a%0A",
            "/systems/a%0d", "/systems/a%7F", "/systems/a%1f"})
    void isSafeWhenPathCouldBeReadDifferentlyUpstreamThenFalse(String path) {
        assertThat(PathSafetyFilter.isSafe(path)).isFalse();
    }
}
