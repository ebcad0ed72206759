package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A demo data system with {@code sekimori.demo.client-subjects} set serves only the gateway's
 * client certificate for it and those named there: the certificate as Tomcat hands it over after
 * the TLS handshake, in the request attribute of the Servlet specification.
 */
@SpringBootTest(properties = {"sekimori.demo.system=followup", "sekimori.demo.subjects=5",
        "sekimori.demo.client-subjects=operator"})
@DirtiesContext
class ClientCertificateTest {

    @TempDir
    static Path dataDir;

    @Autowired
    WebApplicationContext context;

    @Autowired
    FilterRegistrationBean<?> clientCertificateCheck;

    MockMvc mvc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sekimori.demo.data-dir", () -> dataDir.toString());
    }

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(clientCertificateCheck.getFilter()).build();
    }

    @Test
    void onlyTheGatewaysCertificateForThisSystemAndTheNamedOperatorAreServed() throws Exception {
        assertThat(clientCertificateCheck.isEnabled()).isTrue();

        assertThat(health("Sekimori gateway to followup").getStatus()).isEqualTo(200);
        assertThat(health("operator").getStatus()).isEqualTo(200);
        MockHttpServletResponse otherSystems = health("Sekimori gateway to registry");
        MockHttpServletResponse none = health(null);

        assertThat(otherSystems.getStatus()).isEqualTo(403);
        assertThat(otherSystems.getContentType()).isEqualTo("application/json");
        assertThat(otherSystems.getContentAsString()).contains("\"status\":403", "\"error\":\"Forbidden\"",
                "a client certificate for 'Sekimori gateway to registry'", "sekimori.demo.client-subjects");
        assertThat(none.getStatus()).isEqualTo(403);
        assertThat(none.getContentAsString()).contains("no client certificate");
        assertThat(mvc.perform(get("/subjects").requestAttr("jakarta.servlet.request.X509Certificate",
                new X509Certificate[] {certificate("Sekimori gateway to registry")})).andReturn().getResponse()
                .getStatus()).as("the records too").isEqualTo(403);
    }

    private MockHttpServletResponse health(String commonName) throws Exception {
        var request = get("/health");
        if (commonName != null) {
            request.requestAttr("jakarta.servlet.request.X509Certificate",
                    new X509Certificate[] {certificate(commonName)});
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** A client certificate with this common name, as openssl makes one. */
    private static X509Certificate certificate(String commonName) throws Exception {
        Path key = Files.createTempFile(dataDir, "key", ".pem");
        Path pem = Files.createTempFile(dataDir, "certificate", ".pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/O=Sekimori/CN=" + commonName,
                "-addext", "extendedKeyUsage=clientAuth", "-keyout", key.toString(), "-out", pem.toString())
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor()).isZero();
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
