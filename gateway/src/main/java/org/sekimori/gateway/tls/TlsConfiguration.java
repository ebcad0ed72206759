package org.sekimori.gateway.tls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.sekimori.gateway.audit.AuditTrail;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.IssuedCertificate;
import org.sekimori.keys.tls.KeyStorePassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS by default: TLS 1.3 and 1.2 with forward-secret AEAD suites only, the server certificate
 * from the internal CA, renewed and swapped in while the gateway runs. Plain HTTP only when
 * {@code sekimori.tls.plain-http} says so, with a warning at every start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {

    static final String BUNDLE = "sekimori-server";
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHERS = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "sekimori.tls.plain-http", havingValue = "true")
    ApplicationListener<ApplicationReadyEvent> plainHttpWarning() {
        return ready -> log.warn("Serving plain HTTP (sekimori.tls.plain-http=true): passwords, session cookies "
                + "and personal data cross the network unencrypted. For local development only.");
    }

    /** The CA, the server certificate and HTTPS, unless plain HTTP was asked for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "sekimori.tls.plain-http", havingValue = "false", matchIfMissing = true)
    static class Https {

        @Bean
        ServerCertificate serverCertificate(TlsProperties properties, Clock clock)
                throws GeneralSecurityException, IOException {
            char[] password = KeyStorePassword.resolve(System.getenv(KeyStorePassword.VARIABLE),
                    properties.passwordFile());
            InternalCa ca = InternalCa.loadOrCreate(properties.caFile(), password, properties.caLifetime(), clock);
            return new ServerCertificate(ca, properties, password, clock);
        }

        @Bean
        SslBundleRegistrar serverSslBundle(ServerCertificate server) {
            return registry -> registry.registerBundle(BUNDLE, bundle(server.current(), server.password()));
        }

        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> https() {
            return factory -> {
                Ssl ssl = new Ssl();
                ssl.setBundle(BUNDLE);
                factory.setSsl(ssl);
            };
        }

        @Bean
        CertificateRenewal certificateRenewal(ServerCertificate server, SslBundleRegistry registry,
                AuditTrail trail, TlsProperties properties, Clock clock, MeterRegistry meters) {
            daysLeft(meters, "gateway-server", () -> server.current().notAfter(), clock);
            daysLeft(meters, "internal-ca", () -> server.current().chain().get(server.current().chain().size() - 1)
                    .getNotAfter().toInstant(), clock);
            return new CertificateRenewal(server, renewed -> registry.updateBundle(BUNDLE,
                    bundle(renewed, server.password())), trail, properties, clock);
        }

        private static void daysLeft(MeterRegistry meters, String certificate, Supplier<Instant> end, Clock clock) {
            Gauge.builder("sekimori.tls.certificate.days.left",
                    () -> Duration.between(clock.instant(), end.get()).toSeconds() / 86_400.0)
                    .description("Days until the certificate ends").tag("certificate", certificate)
                    .register(meters);
        }

        private static SslBundle bundle(IssuedCertificate certificate, char[] password) {
            try {
                String secret = new String(password);
                return SslBundle.of(SslStoreBundle.of(certificate.keyStore(ServerCertificate.ALIAS, password),
                        secret, null), SslBundleKey.of(secret, ServerCertificate.ALIAS),
                        SslOptions.of(CIPHERS, PROTOCOLS));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("the server certificate cannot be put in a key store", e);
            }
        }
    }
}
