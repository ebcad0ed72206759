package org.sekimori.gateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.login.CredentialDatabase;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.login.LoginProperties;
import org.sekimori.keys.PasswordHasher;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Client secrets against the embedded credential store, whose address counter they share with logins. */
class ClientSecretsTest {

    private static final String SECRET = "nightly-report-secret-2026";
    private static final PasswordHasher HASHER = PasswordHasher.recommended();
    private static final Optional<TokenProperties.Client> NIGHTLY = Optional.of(new TokenProperties.Client(
            "nightly-report", HASHER.hash(SECRET.toCharArray()), List.of(), List.of("client-credentials"),
            "epi.suzuki"));

    @TempDir
    Path dataDir;

    private CredentialDatabase database;
    private ClientSecrets secrets;
    private LoginProperties login;

    @BeforeEach
    void open() {
        login = new Binder(new MapConfigurationPropertySource(Map.of("sekimori.login.embedded",
                dataDir.resolve("credentials").toString()))).bindOrCreate("sekimori.login", LoginProperties.class);
        database = CredentialDatabase.open(login);
        secrets = new ClientSecrets(HASHER, new CredentialStore(database.dataSource()), login.lockout(),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlyTheRegisteredSecretOfAConfidentialClientMatches() {
        Optional<TokenProperties.Client> publicClient = Optional.of(new TokenProperties.Client("cli", null,
                List.of(), List.of("authorization-code"), null));

        assertThat(secrets.matches(NIGHTLY, SECRET, "192.0.2.1").block()).isTrue();
        assertThat(secrets.matches(NIGHTLY, SECRET + "x", "192.0.2.1").block())
                .as("a remembered match is for that secret only").isFalse();
        assertThat(secrets.matches(Optional.empty(), SECRET, "192.0.2.1").block()).isFalse();
        assertThat(secrets.matches(publicClient, "", "192.0.2.1").block()).isFalse();
    }

    @Test
    void anAddressThatKeepsGuessingIsBlockedEvenForTheRightSecretWhileOthersGoOn() {
        for (int i = 0; i < login.lockout().addressFailures(); i++) {
            assertThat(secrets.matches(NIGHTLY, "guess-" + i, "192.0.2.66").block()).isFalse();
        }

        assertThat(secrets.matches(NIGHTLY, SECRET, "192.0.2.66").block()).isFalse();
        assertThat(secrets.matches(NIGHTLY, SECRET, "192.0.2.7").block()).isTrue();
    }
}
