package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Plain HTTP only when the setting means true as the binder reads it; every other value keeps HTTPS. */
class PlainHttpTest {

    @Configuration(proxyBeanMethods = false)
    static class Probe {
        @Bean
        @Conditional(PlainHttp.Off.class)
        String https() {
            return "https";
        }

        @Bean
        @Conditional(PlainHttp.On.class)
        Integer plain() {
            return 0;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Probe.class);

    @Test
    void httpsUnlessPlainHttpIsTrueInAnySpelling() {
        for (String value : new String[] {"false", "no", "off", "0", "FALSE"}) {
            runner.withPropertyValues("sekimori.tls.plain-http=" + value).run(context -> {
                assertThat(context).as(value).hasBean("https").doesNotHaveBean("plain");
            });
        }
        runner.run(context -> assertThat(context).hasBean("https").doesNotHaveBean("plain"));
        for (String value : new String[] {"true", "yes", "on", "1", "TRUE"}) {
            runner.withPropertyValues("sekimori.tls.plain-http=" + value).run(context -> {
                assertThat(context).as(value).hasBean("plain").doesNotHaveBean("https");
            });
        }
    }
}
