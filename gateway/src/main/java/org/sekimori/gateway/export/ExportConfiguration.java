package org.sekimori.gateway.export;

import java.time.Clock;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Ledger;
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
    ExportRecipients exportRecipients(ExportProperties properties, Clock clock) {
        return new ExportRecipients(properties.recipients(), clock);
    }

    @Bean
    CurrentRecipients currentRecipients(ExportRecipients recipients, ExportProperties properties, Ledger ledger) {
        return new CurrentRecipients(recipients, properties.recipientsFile(), ledger);
    }

    @Bean
    ExportProtectionFilter exportProtectionFilter(ExportRecipients recipients, CurrentRecipients fromFile,
            ExportProperties properties, ExportPasswords passwords, JsonResponses responses,
            Scheduler exportEncryption) {
        return new ExportProtectionFilter(recipients, new ExportSealing(properties.passwordFormat()), passwords,
                responses, exportEncryption);
    }

    @Bean
    RouterFunction<ServerResponse> exportPasswordRoutes(ExportPasswords passwords, JsonResponses responses) {
        return new ExportPasswordEndpoint(passwords, responses).routes();
    }
}
