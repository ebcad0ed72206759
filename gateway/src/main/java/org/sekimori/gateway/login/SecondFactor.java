package org.sekimori.gateway.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.sekimori.keys.Base32;
import org.sekimori.keys.RecoveryCodes;
import org.sekimori.keys.SealedText;
import org.sekimori.keys.Totp;

/**
 * TOTP as a second factor: enrolment (a secret for the authenticator app, confirmed by a first
 * code, then ten recovery codes shown once), and the check at login, where a code is good once.
 * Secrets are sealed at rest under the login key; recovery codes are kept only hashed.
 */
public final class SecondFactor {

    private final CredentialStore store;
    private final SealedText sealing;
    private final Totp totp;
    private final LoginProperties.Mfa properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SecondFactor(CredentialStore store, SealedText sealing, LoginProperties.Mfa properties, Clock clock) {
        this.store = store;
        this.sealing = sealing;
        this.totp = new Totp(properties.window());
        this.properties = properties;
        this.clock = clock;
    }

    /** A new secret to enrol, not stored until confirmed; the URI is what authenticator apps scan. */
    public record Enrolment(String secret, String otpauthUri) {

        @Override
        public String toString() {
            return "Enrolment[secret hidden]";
        }
    }

    public Enrolment start(String userId) {
        return resume(userId, Totp.newSecret(random));
    }

    /** An enrolment begun earlier, shown again (a reloaded page must not change the secret already scanned). */
    public Enrolment resume(String userId, String secret) {
        String issuer = encode(properties.issuer());
        String uri = "otpauth://totp/" + issuer + ":" + encode(userId) + "?secret=" + secret + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(secret, uri);
    }

    /** Enrols {@code secret} if {@code code} is its current code: the recovery codes, or empty. */
    public Optional<List<String>> confirm(String userId, String secret, String code) {
        OptionalLong step = totp.verify(Base32.decode(secret), code, clock.instant(), 0);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        List<String> codes = RecoveryCodes.generate(properties.recoveryCodes(), random);
        store.enrolTotp(userId, sealing.seal(secret), step.getAsLong(),
                codes.stream().map(RecoveryCodes::hash).toList(), clock.instant());
        return Optional.of(codes);
    }

    /** Checks a code from the authenticator; empty when right, else why not. */
    public Optional<LoginFailure> verify(String userId, String code) {
        Credentials credentials = store.find(userId).orElseThrow();
        byte[] secret = Base32.decode(sealing.open(credentials.sealedTotpSecret().orElseThrow()));
        OptionalLong step = totp.verify(secret, code, clock.instant(), 0);
        if (step.isEmpty()) {
            return Optional.of(LoginFailure.MFA_FAILED);
        }
        // The store accepts each step once, across instances: a code seen twice is a replay.
        return store.useTotpStep(userId, step.getAsLong()) ? Optional.empty() : Optional.of(LoginFailure.MFA_REPLAYED);
    }

    /** Uses a recovery code once; empty when it was a valid unused one. */
    public Optional<LoginFailure> recover(String userId, String code) {
        return store.useRecoveryCode(userId, RecoveryCodes.hash(code), clock.instant()) ? Optional.empty()
                : Optional.of(LoginFailure.RECOVERY_CODE_FAILED);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
