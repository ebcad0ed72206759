package org.sekimori.gateway.reviews;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.elevation.ElevationCheck;
import org.sekimori.gateway.grants.GrantRequestStore;
import org.sekimori.gateway.grants.GrantRequestSync;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.security.SmallJsonBody;
import org.sekimori.gateway.session.StepUp;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.keys.SealedText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Reviews of exceptions invoked and of who holds which access, kept in the directory's database. */
@Configuration(proxyBeanMethods = false)
public class ReviewsConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    ExceptionReviewStore exceptionReviewStore(CredentialDatabase database, GrantRequestStore migrated) {
        return new ExceptionReviewStore(database.dataSource());
    }

    @Bean
    RouterFunction<ServerResponse> accessReviewRoutes(CredentialDatabase database, GrantRequestStore requests,
            GrantRequestSync sync, TrailReader trail, AuditTrail records, CurrentPolicy policy, Directory directory,
            Ledger ledger, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock,
            StepUp stepUp, ElevationCheck elevation) {
        return new AccessReviewEndpoints(trail, records, new AccessReviewStore(database.dataSource()), requests, sync,
                policy, directory, ledger, sealing, body, responses, clock).routes(stepUp, elevation);
    }

    @Bean
    RouterFunction<ServerResponse> exceptionReviewRoutes(TrailReader trail, AuditTrail records,
            ExceptionReviewStore store, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock,
            StepUp stepUp, ElevationCheck elevation) {
        return new ExceptionReviewEndpoints(trail, records, store, sealing, body, responses, clock)
                .routes(stepUp, elevation);
    }
}
