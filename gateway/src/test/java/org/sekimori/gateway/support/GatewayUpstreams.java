package org.sekimori.gateway.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a gateway under test at its two data systems, with keys and an embedded audit store of its
 * own in {@code dataDir}, so that test classes never share a chain.
 */
public final class GatewayUpstreams {

    private GatewayUpstreams() {
    }

    public static void register(DynamicPropertyRegistry properties, Supplier<URI> followup, Supplier<URI> registry,
            Path dataDir) {
        properties.add("sekimori.upstreams.followup", () -> followup.get().toString());
        properties.add("sekimori.upstreams.registry", () -> registry.get().toString());
        properties.add("sekimori.pseudonym-key", () -> dataDir.resolve("keys/pseudonym.key").toString());
        properties.add("sekimori.audit.journal", () -> dataDir.resolve("audit/journal").toString());
        properties.add("sekimori.audit.chain", () -> "test");
        properties.add("sekimori.audit.checkpoint-copy-file", () -> dataDir.resolve("audit/checkpoints.ndjson").toString());
        properties.add("sekimori.audit.checkpoint-key", () -> dataDir.resolve("keys/checkpoint.key").toString());
        properties.add("sekimori.audit.public-key", () -> dataDir.resolve("keys/checkpoint.pub").toString());
        properties.add("sekimori.audit.pseudonym-key", () -> dataDir.resolve("keys/audit-pseudonym.key").toString());
        properties.add("sekimori.audit.sealing-key", () -> dataDir.resolve("keys/sealing.key").toString());
        properties.add("sekimori.login.embedded", () -> dataDir.resolve("login/credentials").toString());
        properties.add("sekimori.exports.recipients-file", () -> dataDir.resolve("exports/recipients.yaml").toString());
        properties.add("sekimori.tls.keys", () -> dataDir.resolve("keys").toString());
        properties.add("sekimori.login.sealing-key", () -> dataDir.resolve("keys/login-sealing.key").toString());
        properties.add("sekimori.tokens.signing-key", () -> dataDir.resolve("keys/token-signing.jwk").toString());
        // The tests hold many sessions of one demo handler at once (a client per case) and move the
        // gateway's clock across days; SessionLimitsEndToEndTest sets the limits it tests after this.
        properties.add("sekimori.sessions.max-per-handler", () -> "100");
        properties.add("sekimori.sessions.absolute-timeout", () -> "3650d");
    }
}
