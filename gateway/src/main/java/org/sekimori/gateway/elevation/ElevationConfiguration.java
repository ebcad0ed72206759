package org.sekimori.gateway.elevation;

import java.time.Clock;
import org.sekimori.gateway.audit.AuditTrail;
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

/** Just-in-time elevation of administrators, kept in the directory's database. */
@Configuration(proxyBeanMethods = false)
public class ElevationConfiguration {

    /** After the grant requests' store, whose schema migration makes the table. */
    @Bean
    Elevations elevations(CredentialDatabase database, GrantRequestStore migrated) {
        return new Elevations(database.dataSource());
    }

    @Bean
    ElevationCheck elevationCheck(Elevations elevations, ElevationProperties properties, JsonResponses responses,
            Clock clock) {
        return new ElevationCheck(elevations, properties, responses, clock);
    }

    @Bean
    RouterFunction<ServerResponse> elevationRoutes(Elevations elevations, ElevationProperties properties,
            AuditTrail trail, SealedText sealing, SmallJsonBody body, JsonResponses responses, Clock clock,
            StepUp stepUp) {
        return new ElevationEndpoints(elevations, properties, trail, sealing, body, responses, clock).routes(stepUp);
    }
}
