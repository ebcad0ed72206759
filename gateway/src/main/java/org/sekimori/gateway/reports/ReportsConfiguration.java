package org.sekimori.gateway.reports;

import java.time.Clock;
import org.sekimori.gateway.audit.store.TrailReader;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.reviews.ExceptionReviewStore;
import org.sekimori.gateway.web.JsonResponses;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The operation and contractor reports, for administrators (the responsible person) and auditors. */
@Configuration(proxyBeanMethods = false)
public class ReportsConfiguration {

    @Bean
    RouterFunction<ServerResponse> reportRoutes(TrailReader trail, ExceptionReviewStore reviews, CurrentPolicy policy,
            Ledger ledger, Directory directory, JsonResponses responses, Clock clock) {
        return new ReportEndpoints(trail, reviews, policy, ledger, directory, responses, clock).routes();
    }
}
