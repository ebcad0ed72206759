package org.sekimori.gateway.admin;

import java.time.Clock;
import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.tls.UpstreamTls;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The administrators' API (role {@code administrator}): for now the generated ledger. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    RouterFunction<ServerResponse> ledgerRoutes(Ledger ledger, Directory directory, CurrentPolicy policy,
            SekimoriProperties sekimori, UpstreamTls tls, AdminProperties properties, Clock clock) {
        RecordCounts counts = new RecordCounts(sekimori.upstreams(), tls, properties);
        return new LedgerEndpoints(ledger, directory, policy, counts, clock).routes();
    }
}
