package org.sekimori.gateway.export;

import java.time.Clock;
import org.sekimori.gateway.web.JsonResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Encryption of what leaves through export and provide routes, and the pick-up of export passwords. */
@Configuration(proxyBeanMethods = false)
public class ExportConfiguration {

    @Bean
    ExportPasswords exportPasswords(ExportProperties properties, Clock clock) {
        return new ExportPasswords(properties.passwordPickup(), clock);
    }

    /** One thread per core for encryption, and a short queue: beyond it an export is refused, not queued. */
    @Bean(destroyMethod = "dispose")
    Scheduler exportEncryption() {
        return Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 16, "export-encryption");
    }

    @Bean
    ExportProtectionFilter exportProtectionFilter(ExportProperties properties, ExportPasswords passwords,
            JsonResponses responses, Clock clock, Scheduler exportEncryption) {
        return new ExportProtectionFilter(new ExportRecipients(properties.recipients(), clock),
                new ExportSealing(properties.passwordFormat()), passwords, responses, exportEncryption);
    }

    @Bean
    RouterFunction<ServerResponse> exportPasswordRoutes(ExportPasswords passwords, JsonResponses responses) {
        return new ExportPasswordEndpoint(passwords, responses).routes();
    }
}
