package org.sekimori.gateway.tls;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.gateway.config.SekimoriProperties;
import org.sekimori.gateway.tokens.TokenProperties;
import org.sekimori.keys.tls.IssuedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.client.HttpClient;

/**
 * TLS on both sides. Toward clients, HTTPS by default: TLS 1.3 and 1.2 with forward-secret AEAD
 * suites only, the server certificate from the internal CA; plain HTTP only when
 * {@code sekimori.tls.plain-http} says so, with a warning at every start. Toward each data system
 * whose upstream is {@code https:}, mutual TLS with its own trust anchors and client certificate.
 * Every certificate is renewed and swapped in while the gateway runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {

    static final String BUNDLE = "sekimori-server";
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHERS = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};
    static final String SERVER = "gateway-server";

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);
    /**
     * Certificates are issued and renewed in real time, not on the gateway's clock of record: the
     * peers that check them (clients, data systems) use their own.
     */
    private static final Clock REAL_TIME = Clock.systemUTC();

    @Bean
    GatewayCa gatewayCa(TlsProperties properties) {
        return new GatewayCa(properties, REAL_TIME);
    }

    @Bean
    HandlerAssertion handlerAssertion(TlsProperties properties, TokenProperties tokens) {
        // Real time, not the gateway's clock of record: the data system checks it against its own.
        return new HandlerAssertion(properties.keys().resolve("assertion-signing.jwk"), tokens.issuer(), REAL_TIME);
    }

    @Bean
    RouterFunction<ServerResponse> assertionKeys(HandlerAssertion assertion) {
        return RouterFunctions.route(GET(HandlerAssertion.KEYS), request -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).bodyValue(assertion.publicKeys()));
    }

    @Bean
    UpstreamTls upstreamTls(SekimoriProperties sekimori, HttpClient httpClient, GatewayCa ca,
            TlsProperties properties) {
        return new UpstreamTls(sekimori.upstreams(), httpClient, ca, properties, REAL_TIME);
    }

    /** Spring Cloud Gateway's routing filter, with a client per data system. */
    @Bean
    UpstreamTlsRoutingFilter upstreamTlsRoutingFilter(HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties,
            UpstreamTls upstreams) {
        return new UpstreamTlsRoutingFilter(httpClient, headersFilters, properties, upstreams);
    }

    @Bean
    CertificateRenewal certificateRenewal(ObjectProvider<KeptCertificate> server, ObjectProvider<SslBundleRegistry> bundles,
            UpstreamTls upstreams, AuditTrail trail, TlsProperties properties, MeterRegistry meters) {
        List<CertificateRenewal.Kept> kept = new ArrayList<>();
        server.ifAvailable(certificate -> kept.add(new CertificateRenewal.Kept(certificate,
                renewed -> bundles.getObject().updateBundle(BUNDLE, bundle(renewed, certificate)))));
        upstreams.certificates().forEach((dataSystem, certificate) -> kept.add(new CertificateRenewal.Kept(
                certificate, renewed -> upstreams.install(dataSystem, renewed))));
        kept.forEach(each -> daysLeft(meters, each.certificate().name(), () -> each.certificate().current().notAfter()));
        if (!kept.isEmpty()) {
            KeptCertificate any = kept.get(0).certificate();
            daysLeft(meters, "internal-ca", () -> any.current().chain().get(any.current().chain().size() - 1)
                    .getNotAfter().toInstant());
        }
        return new CertificateRenewal(kept, trail, properties, REAL_TIME);
    }

    @Bean
    @Conditional(PlainHttp.On.class)
    ApplicationListener<ApplicationReadyEvent> plainHttpWarning() {
        return ready -> log.warn("Serving plain HTTP (sekimori.tls.plain-http=true): passwords, session cookies "
                + "and personal data cross the network unencrypted. For local development only.");
    }

    /** The server certificate and HTTPS, unless plain HTTP was asked for. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(PlainHttp.Off.class)
    static class Https {

        @Bean
        KeptCertificate serverCertificate(GatewayCa ca, TlsProperties properties) {
            return new KeptCertificate(SERVER, properties.serverFile(), issuing -> issuing.issueServer(
                    "Sekimori gateway", properties.hostnames(), properties.addresses(),
                    properties.certificateLifetime()), ca, properties.renewBefore(), REAL_TIME);
        }

        @Bean
        SslBundleRegistrar serverSslBundle(KeptCertificate server) {
            return registry -> registry.registerBundle(BUNDLE, bundle(server.current(), server));
        }

        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> https() {
            return factory -> {
                Ssl ssl = new Ssl();
                ssl.setBundle(BUNDLE);
                factory.setSsl(ssl);
            };
        }
    }

    private static void daysLeft(MeterRegistry meters, String certificate, Supplier<Instant> end) {
        Gauge.builder("sekimori.tls.certificate.days.left",
                () -> Duration.between(REAL_TIME.instant(), end.get()).toSeconds() / 86_400.0)
                .description("Days until the certificate ends").tag("certificate", certificate).register(meters);
    }

    private static SslBundle bundle(IssuedCertificate certificate, KeptCertificate kept) {
        try {
            char[] password = kept.password();
            String secret = new String(password);
            return SslBundle.of(SslStoreBundle.of(certificate.keyStore(kept.name(), password), secret, null),
                    SslBundleKey.of(secret, kept.name()), SslOptions.of(CIPHERS, PROTOCOLS));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the server certificate cannot be put in a key store", e);
        }
    }
}
