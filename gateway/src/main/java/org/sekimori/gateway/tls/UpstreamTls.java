package org.sekimori.gateway.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.sekimori.keys.tls.IssuedCertificate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * TLS toward each data system reached over HTTPS, each on its own: its own trust anchors (the
 * internal CA's unless configured), the gateway's own client certificate for it, TLS 1.3 or 1.2,
 * and the host name checked against the certificate. Spring Cloud Gateway has one client setting
 * for every route; this keeps one HTTP client per data system instead, rebuilt when its client
 * certificate is renewed (open connections finish on the old one).
 */
public final class UpstreamTls {

    /** The suites served to clients, and ECDHE_RSA ones for a data system whose own CA signs RSA keys. */
    private static final List<String> UPSTREAM_CIPHERS = Stream.concat(Arrays.stream(TlsConfiguration.CIPHERS),
            Stream.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).toList();

    private final HttpClient base;
    private final Map<String, List<X509Certificate>> anchors = new ConcurrentHashMap<>();
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, KeptCertificate> certificates = new ConcurrentHashMap<>();

    UpstreamTls(Map<String, URI> upstreams, HttpClient base, GatewayCa ca, TlsProperties properties, Clock clock) {
        this.base = base;
        upstreams.forEach((dataSystem, uri) -> {
            if (!"https".equals(uri.getScheme())) {
                return;
            }
            Path configured = properties.upstreamTrust().get(dataSystem);
            anchors.put(dataSystem, configured != null ? trustAnchors(configured) : List.of(ca.ca().certificate()));
            KeptCertificate client = new KeptCertificate("gateway-client-" + dataSystem,
                    properties.clientFile(dataSystem), issuing -> issuing.issueClient("Sekimori gateway to "
                            + dataSystem, properties.certificateLifetime()), ca, properties.renewBefore(), clock);
            certificates.put(dataSystem, client);
            install(dataSystem, client.current());
        });
    }

    /** The client for {@code dataSystem}, when it is reached over HTTPS. */
    Optional<HttpClient> client(String dataSystem) {
        return dataSystem == null ? Optional.empty() : Optional.ofNullable(clients.get(dataSystem));
    }

    /** The client to reach {@code dataSystem} with: its TLS client, or the gateway's plain one. */
    public HttpClient clientFor(String dataSystem) {
        return client(dataSystem).orElse(base);
    }

    /**
     * A web client to {@code dataSystem} that buffers at most {@code maxBytes} of an answer. Build one
     * for each call: it is made on the data system's client of now, whose certificate may have been renewed.
     */
    public WebClient webClientFor(String dataSystem, int maxBytes) {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(clientFor(dataSystem)))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxBytes)).build();
    }

    /** The gateway's client certificates, one per data system reached over HTTPS, by data system. */
    Map<String, KeptCertificate> certificates() {
        return Map.copyOf(certificates);
    }

    /** Uses {@code certificate} for new connections to {@code dataSystem}. */
    void install(String dataSystem, IssuedCertificate certificate) {
        try {
            SslContext context = SslContextBuilder.forClient()
                    .keyManager(certificate.key(), certificate.chain().toArray(new X509Certificate[0]))
                    .trustManager(anchors.get(dataSystem).toArray(new X509Certificate[0]))
                    .protocols(TlsConfiguration.PROTOCOLS).ciphers(UPSTREAM_CIPHERS).build();
            clients.put(dataSystem, base.secure(spec -> spec.sslContext(context)));
        } catch (IOException e) {
            throw new UncheckedIOException("the TLS settings toward " + dataSystem + " could not be built", e);
        }
    }

    private static List<X509Certificate> trustAnchors(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException(pem + " holds no certificate to trust");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("the trust anchors in " + pem + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the trust anchors in " + pem + " are not PEM certificates", e);
        }
    }
}
