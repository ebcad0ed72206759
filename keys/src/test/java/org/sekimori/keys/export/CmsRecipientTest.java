package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipients' certificates as openssl makes them, and the ones that must be refused. */
class CmsRecipientTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateReadsAsPemOrDerAndIsNamedByTheFingerprintOpensslShows() throws Exception {
        Openssl openssl = new Openssl(dir);
        Path pem = openssl.certificate("recipient", "ec", "-pkeyopt", "ec_paramgen_curve:P-384");
        Path der = dir.resolve("recipient.der");
        openssl.run(List.of("x509", "-in", pem.toString(), "-outform", "DER", "-out", der.toString())).requireSuccess();

        ExportRecipient fromPem = ExportRecipient.read(pem, Clock.systemUTC());
        ExportRecipient fromDer = ExportRecipient.read(der, Clock.systemUTC());

        assertThat(fromPem).isInstanceOf(CmsRecipient.class).hasToString("CmsRecipient[" + fromPem.fingerprint()
                + " from " + pem + "]");
        assertThat(fromPem.fingerprint()).isEqualTo(openssl.fingerprint(pem)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(fromDer.fingerprint()).isEqualTo(fromPem.fingerprint());
        assertThat(fromDer.encryption().method().id()).isEqualTo("cms-certificate");
        byte[] file = fromDer.encryption().encrypt(OpenPgpEncryptionTest.CONTENT, "export.csv");
        assertThat(openssl.decrypt(file, "-recip", pem.toString(), "-inkey", openssl.key("recipient").toString()))
                .hasValue(OpenPgpEncryptionTest.CONTENT);
    }

    @Test
    void keysThatCannotOrMayNotBeEncryptedForAreRefused() throws Exception {
        Openssl openssl = new Openssl(dir);

        assertRefused(openssl.certificate("small", "rsa:1024"), Clock.systemUTC(),
                " has a 1024-bit RSA key; at least 2048 bits are needed");
        assertRefused(openssl.certificate("signing", "rsa:2048", "-addext", "keyUsage=critical,digitalSignature"),
                Clock.systemUTC(), " has an RSA key whose key usage does not allow key encipherment");
        assertRefused(openssl.certificate("ecdsa", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-addext",
                "keyUsage=critical,digitalSignature"), Clock.systemUTC(),
                " has an EC key whose key usage does not allow key agreement");
        assertRefused(openssl.certificate("edwards", "ed25519"), Clock.systemUTC(),
                " has a key of type EdDSA; exports are encrypted for RSA or EC keys only");
    }

    @Test
    void aCertificateOutsideItsValidityIsRefusedAndOneThatExpiresAfterStartupStopsExports() throws Exception {
        Path certificate = new Openssl(dir).certificate("recipient", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-days", "2");
        Instant notAfter = Openssl.read(certificate).getNotAfter().toInstant();
        Instant notBefore = Openssl.read(certificate).getNotBefore().toInstant();

        assertRefused(certificate, Clock.fixed(notAfter.plusSeconds(1), ZoneOffset.UTC),
                " expired at " + notAfter + "; ask the recipient for their current certificate");
        assertRefused(certificate, Clock.fixed(notBefore.minusSeconds(1), ZoneOffset.UTC),
                " is not valid before " + notBefore);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = ((InstantSource) now::get).withZone(ZoneOffset.UTC);
        ExportRecipient recipient = ExportRecipient.read(certificate, clock);
        now.set(Instant.now().plus(Duration.ofDays(3)));
        assertThatThrownBy(() -> recipient.encryption().encrypt(OpenPgpEncryptionTest.CONTENT, "export.csv"))
                .isInstanceOf(IllegalStateException.class).hasMessage("the certificate " + recipient.fingerprint()
                        + " from " + certificate + " expired at " + notAfter
                        + "; ask the recipient for their current certificate");
    }

    @Test
    void aChainACutFileOrExplicitCurveParametersAreRefusedNamingTheFile() throws Exception {
        Openssl openssl = new Openssl(dir);
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(openssl.certificate("a", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256")) + Files.readString(openssl.certificate("b", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256")));
        Path cut = dir.resolve("cut.pem");
        Files.writeString(cut, Files.readString(dir.resolve("a.pem")).substring(0, 200));

        assertThatThrownBy(() -> ExportRecipient.read(chain, Clock.systemUTC())).isInstanceOf(IOException.class)
                .hasMessage(chain + " holds 2 certificates; register the recipient's own certificate only, without "
                        + "its chain");
        assertThatThrownBy(() -> ExportRecipient.read(cut, Clock.systemUTC())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(cut + " holds no readable X.509 certificate: ");
        Path explicit = openssl.certificate("explicit", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt",
                "ec_param_enc:explicit");
        assertThatThrownBy(() -> ExportRecipient.read(explicit, Clock.systemUTC())).isInstanceOf(IOException.class)
                .hasMessage(explicit + " holds no readable X.509 certificate: java.io.IOException: Only named "
                        + "ECParameters supported");
    }

    private void assertRefused(Path certificate, Clock clock, String problem) {
        String fingerprint = new Openssl(dir).fingerprint(certificate);
        assertThatThrownBy(() -> ExportRecipient.read(certificate, clock)).isInstanceOf(IOException.class)
                .hasMessage(certificate + ": the certificate " + fingerprint + problem);
    }
}
