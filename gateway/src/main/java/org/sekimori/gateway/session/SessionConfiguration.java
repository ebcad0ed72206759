package org.sekimori.gateway.session;

import java.time.Clock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sekimori.gateway.audit.LoginEvents;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Sessions of logged-in handlers: where they are kept, their limits and the records of their end. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionConfiguration {

    private static final Log log = LogFactory.getLog(SessionConfiguration.class);

    @Bean
    HandlerSessions handlerSessions(LoginEvents events, SessionProperties properties, Clock clock) {
        return new HandlerSessions(events, properties, clock);
    }

    @Bean
    TrackingSecurityContextRepository securityContextRepository(HandlerSessions sessions) {
        return new TrackingSecurityContextRepository(sessions);
    }

    @Bean
    StepUp stepUp(SessionProperties properties, JsonResponses responses) {
        return new StepUp(properties.stepUpMaxAge(), responses);
    }

    @Bean
    SessionAgeFilter sessionAgeFilter(HandlerSessions sessions) {
        return new SessionAgeFilter(sessions);
    }

    /** Looks for ended sessions every {@code sweep-interval}, so an idle expiry is recorded within it. */
    @Bean
    SmartLifecycle sessionSweep(HandlerSessions sessions, SessionProperties properties) {
        return new SmartLifecycle() {
            private volatile Disposable running;

            @Override
            public void start() {
                running = Flux.interval(properties.sweepInterval())
                        .concatMap(tick -> sessions.sweep().onErrorResume(failure -> {
                            log.error("Recording ended sessions failed; the next sweep tries again: " + failure);
                            return reactor.core.publisher.Mono.empty();
                        }), 0)
                        .subscribe();
            }

            @Override
            public void stop() {
                running.dispose();
                running = null;
            }

            @Override
            public boolean isRunning() {
                return running != null;
            }
        };
    }
}
