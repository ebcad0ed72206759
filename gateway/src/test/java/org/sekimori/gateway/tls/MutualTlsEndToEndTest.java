package org.sekimori.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.AuditJournal;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.GatewayClient;
import org.sekimori.gateway.support.GatewayUpstreams;
import org.sekimori.keys.tls.InternalCa;
import org.sekimori.keys.tls.IssuedCertificate;
import org.sekimori.keys.tls.KeyStorePassword;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Mutual TLS toward a data system, against real TLS servers that demand the gateway's client
 * certificate: a good server is reached and sees the gateway's certificate for it; a server whose
 * certificate names another host, has expired or comes from a CA the gateway does not trust for
 * it, and one that refuses the gateway's certificate, each get 502 and a record saying so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0"})
class MutualTlsEndToEndTest {

    static final String MEMBER = "/systems/registry/members/M000001";

    @TempDir
    static Path dataDir;

    static InternalCa ca;
    static InternalCa stranger;
    static DisposableServer followup;
    static DisposableServer registry;
    static final AtomicReference<String> clientSeen = new AtomicReference<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws Exception {
        Path keys = dataDir.resolve("keys");
        char[] password = KeyStorePassword.resolve(null, keys.resolve("keystore.password"));
        ca = InternalCa.loadOrCreate(keys.resolve("ca.p12"), password, Duration.ofDays(3650), Clock.systemUTC());
        stranger = InternalCa.loadOrCreate(dataDir.resolve("stranger/ca.p12"), password, Duration.ofDays(3650),
                Clock.systemUTC());
        followup = server(serverContext(ca.issueServer("followup", List.of("localhost"), List.of(),
                Duration.ofDays(30)), ca), 0);
        registry = server(serverContext(ca.issueServer("registry", List.of("localhost"), List.of(),
                Duration.ofDays(30)), ca), 0);
        GatewayUpstreams.register(properties, () -> java.net.URI.create("https://localhost:" + followup.port()),
                () -> java.net.URI.create("https://localhost:" + registry.port()), dataDir);
    }

    @AfterAll
    static void stop() {
        followup.disposeNow();
        registry.disposeNow();
    }

    @Test
    void aDataSystemThatDemandsTheGatewaysCertificateIsReachedWithTheOneIssuedForIt() throws Exception {
        use(serverContext(ca.issueServer("registry", List.of("localhost"), List.of(), Duration.ofDays(30)), ca));

        HttpResponse<String> answer = secretariat().get(MEMBER);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(clientSeen.get()).contains("CN=Sekimori gateway to registry");
    }

    @Test
    void aCertificateForAnotherHostExpiredOrFromAnUntrustedCaIsRefusedWith502AndRecorded() throws Exception {
        InternalCa past = InternalCa.loadOrCreate(dataDir.resolve("keys/ca.p12"),
                KeyStorePassword.resolve(null, dataDir.resolve("keys/keystore.password")), Duration.ofDays(3650),
                Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC));
        List<SslContext> bad = List.of(
                serverContext(ca.issueServer("registry", List.of("elsewhere.example"), List.of(), Duration.ofDays(30)),
                        ca),
                serverContext(past.issueServer("registry", List.of("localhost"), List.of(), Duration.ofDays(30)), ca),
                serverContext(stranger.issueServer("registry", List.of("localhost"), List.of(), Duration.ofDays(30)),
                        ca));

        long before = tlsFailures();
        for (SslContext context : bad) {
            use(context);
            HttpResponse<String> answer = secretariat().get(MEMBER);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
            assertThat(GatewayClient.json(answer).path("message").asString()).contains("could not be verified");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(tlsFailures()).isEqualTo(before + 3);
    }

    @Test
    void aDataSystemThatDoesNotTrustTheGatewaysCertificateHangsUpAndGets502() throws Exception {
        use(serverContext(ca.issueServer("registry", List.of("localhost"), List.of(), Duration.ofDays(30)),
                stranger));

        HttpResponse<String> answer = secretariat().get(MEMBER);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
    }

    private static long tlsFailures() {
        return AuditJournal.failures(dataDir, "access").stream().filter("upstream-tls"::equals).count();
    }

    private GatewayClient secretariat() throws Exception {
        return DemoHandler.SECRETARIAT.login(port).purpose("membership-administration");
    }

    /** The registry's server again, on its port, with {@code context}. */
    private static void use(SslContext context) {
        int port = registry.port();
        registry.disposeNow();
        registry = server(context, port);
    }

    /** A TLS server context with {@code certificate}, accepting only clients whose certificate {@code trusted} issued. */
    private static SslContext serverContext(IssuedCertificate certificate, InternalCa trusted) throws Exception {
        return SslContextBuilder.forServer(certificate.key(), certificate.chain().toArray(new X509Certificate[0]))
                .trustManager(trusted.certificate()).clientAuth(ClientAuth.REQUIRE).build();
    }

    private static DisposableServer server(SslContext context, int port) {
        return HttpServer.create().host("127.0.0.1").port(port).secure(spec -> spec.sslContext(context))
                .handle((request, response) -> {
                    request.withConnection(connection -> {
                        try {
                            X509Certificate client = (X509Certificate) connection.channel().pipeline()
                                    .get(SslHandler.class).engine().getSession().getPeerCertificates()[0];
                            clientSeen.set(client.getSubjectX500Principal().getName());
                        } catch (SSLPeerUnverifiedException e) {
                            clientSeen.set("none");
                        }
                    });
                    // Each request its own handshake: a pooled connection would outlive a certificate swap.
                    return response.header("Content-Type", "application/json").header("Connection", "close")
                            .sendString(Mono.just("{\"memberNumber\":\"M000001\"}"));
                }).bindNow();
    }
}
