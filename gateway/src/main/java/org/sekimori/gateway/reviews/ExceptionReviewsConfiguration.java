package org.sekimori.gateway.reviews;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Reviews of exceptions invoked, kept in the directory's database. */
@Configuration(proxyBeanMethods = false)
public class ExceptionReviewsConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    ExceptionReviewStore exceptionReviewStore(CredentialDatabase database, GrantRequestStore migrated) {
        return new ExceptionReviewStore(database.dataSource());
    }

    @Bean
    RouterFunction<ServerResponse> exceptionReviewRoutes(TrailReader trail, AuditTrail records,
            ExceptionReviewStore store, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock,
            StepUp stepUp) {
        return new ExceptionReviewEndpoints(trail, records, store, sealing, body, responses, clock).routes(stepUp);
    }
}
