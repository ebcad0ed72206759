package org.sekimori.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.SekimoriGatewayApplication;
import org.sekimori.policy.load.ConfigurationException;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A gateway whose configuration is wrong does not start, and says exactly why in plain text. */
class StartupFailureTest {

    @TempDir
    Path dir;

    @Test
    void startWhenLedgerMalformedThenRefusesWithFileLineAndProblem() throws IOException {
        Path ledger = dir.resolve("ledger.yaml");
        Files.writeString(ledger, "dataSystems:\n  - id: followup\n    retention: forever\n");

        String stderr = failedStartOutput("--sekimori.ledger=" + ledger);

        assertThat(stderr).contains("Sekimori did not start: its configuration has ")
                .contains(ledger + ":3: dataSystems[0].retention: must be an ISO-8601 period such as P3Y")
                .contains(ledger + ":2: dataSystems[0].name: is required")
                .contains("Correct the file(s) named above and start again.")
                .doesNotContain("\tat ");
    }

    @Test
    void startWhenKeysInATokenWithoutItsLabelThenRefusedNamingTheSetting() {
        String stderr = failedStartOutput("--sekimori.keys.store=pkcs11", "--sekimori.keys.checkpoint-rotation=0d");

        assertThat(stderr).contains("set sekimori.keys.pkcs11.token-label to the token the keys are in")
                .contains("sekimori.keys.checkpoint-rotation").contains("must be a positive duration");
    }

    @Test
    void startWhenLedgerDataSystemHasNoUpstreamThenRefused() {
        String stderr = failedStartOutput("--sekimori.upstreams.payroll=http://127.0.0.1:9");

        assertThat(stderr).contains("sekimori.upstreams.payroll names no data system in the ledger (registered: "
                + "followup, registry)");
    }

    @Test
    void startWhenUpstreamUriInvalidThenPropertyAndReasonNamed() {
        String stderr = failedStartOutput("--sekimori.upstreams.followup=ftp://127.0.0.1:21");

        assertThat(stderr).contains("sekimori.upstreams[followup]").contains("must use http or https, not ftp");
    }

    @Test
    void startWhenAnUpstreamOnAnotherHostIsPlainHttpThenRefused() {
        String stderr = failedStartOutput("--sekimori.upstreams.followup=http://10.0.0.5:8081");

        assertThat(stderr).contains("sekimori.upstreams[followup]")
                .contains("must be https: for a data system on another host");
    }

    @Test
    void startWhenAuditRecordsWouldBeDiscardedOutsideTheLoadHarnessThenRefused() {
        String stderr = failedStartOutput("--sekimori.audit.discard-records=true");

        assertThat(stderr).contains("sekimori.audit.discard-records").contains("exists for the load harness only");
    }

    @Test
    void startWhenAuditStoreUrlIsNotPostgresqlThenRefused() {
        String stderr = failedStartOutput("--sekimori.audit.url=jdbc:mysql://db/audit");

        assertThat(stderr).contains("sekimori.audit.url").contains("must be a jdbc:postgresql: URL, or unset");
    }

    @Test
    void startWhenTokenSettingsAreUnsafeThenEveryProblemNamed() {
        String issuers = failedStartOutput("--sekimori.auth.issuers[0].issuer=https://idp.example/realms/x",
                "--sekimori.auth.issuers[0].jwk-set-uri=http://idp.example/certs",
                "--sekimori.auth.issuers[0].algorithms=HS256",
                "--sekimori.auth.issuers[0].auto-provision=true");
        String clients = failedStartOutput("--sekimori.tokens.clients[0].client-id=cli",
                "--sekimori.tokens.clients[0].redirect-uris=http://evil.example/callback",
                "--sekimori.tokens.clients[1].client-id=system",
                "--sekimori.tokens.clients[1].grant-types=client-credentials");

        assertThat(issuers).contains("no audience is given").contains("algorithm HS256 is not accepted")
                .contains("must be an https: URL (or http: to a loopback address")
                .contains("userIdSuffix").contains("is required with auto-provision");
        assertThat(clients).contains("http://evil.example/callback must be https:, or http: to a loopback address")
                .contains("client credentials need a secretHash and actsAs");
    }

    @Test
    void startWhenTheGatewaysTokenIssuerIsAlsoAnExternalIssuerThenRefused() {
        String stderr = failedStartOutput("--sekimori.auth.issuers[0].issuer=https://sekimori.example",
                "--sekimori.auth.issuers[0].jwk-set-uri=https://sekimori.example/oauth2/jwks",
                "--sekimori.auth.issuers[0].audiences=sekimori", "--sekimori.tokens.issuer=https://sekimori.example");

        assertThat(stderr).contains("sekimori.tokens.issuer").contains("must differ from every issuer");
    }

    @Test
    void startWhenDirectoryMissingThenFileNamed() {
        assertThatThrownBy(() -> start("--sekimori.directory=" + dir.resolve("none.yaml")))
                .hasRootCauseInstanceOf(ConfigurationException.class)
                .rootCause().hasMessageContaining(dir.resolve("none.yaml") + ": no such file");
    }

    private String failedStartOutput(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> start(args)).isInstanceOf(Exception.class);
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private void start(String... overrides) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "sekimori.ledger", "../deploy/demo/ledger.yaml",
                "sekimori.directory", "../deploy/demo/directory.yaml",
                "sekimori.policy", "../deploy/demo/policy.yaml",
                "sekimori.subjects", "../deploy/demo/subjects.yaml",
                "server.port", "0",
                "management.server.port", "0"));
        // a start that gets as far as the keys or the audit store makes them here, not in the working directory
        properties.put("sekimori.pseudonym-key", dir.resolve("keys/pseudonym.key").toString());
        properties.put("sekimori.audit.journal", dir.resolve("audit/journal").toString());
        properties.put("sekimori.login.embedded", dir.resolve("login/credentials").toString());
        properties.put("sekimori.exports.recipients-file", dir.resolve("exports/recipients.yaml").toString());
        properties.put("sekimori.login.sealing-key", dir.resolve("keys/login-sealing.key").toString());
        properties.put("sekimori.tokens.signing-key", dir.resolve("keys/token-signing.jwk").toString());
        properties.put("sekimori.audit.checkpoint-copy-file", dir.resolve("audit/checkpoints.ndjson").toString());
        properties.put("sekimori.tls.keys", dir.resolve("keys").toString());
        for (String key : List.of("checkpoint-key", "public-key", "pseudonym-key", "sealing-key")) {
            properties.put("sekimori.audit." + key, dir.resolve("keys/audit-" + key).toString());
        }
        for (String override : overrides) {
            String[] pair = override.substring(2).split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        new SpringApplicationBuilder(SekimoriGatewayApplication.class).run(args).close();
    }
}
