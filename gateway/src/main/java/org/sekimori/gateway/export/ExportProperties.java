package org.sekimori.gateway.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How records leaving through export and provide routes are protected.
 *
 * @param passwordFormat the format of a password-protected export: {@code openpgp} (opened with
 *     {@code gpg}) or {@code cms} (opened with {@code openssl cms})
 * @param passwordPickup how long the password of an export waits to be shown to its handler
 * @param recipients the third parties records may be exported or provided to, by id (lower-case
 *     letters, digits and dashes), each with the key the file is encrypted for
 * @param recipientsFile more recipients, with their keys inline, in a file that changes under four
 *     eyes through the API (made empty at first start)
 */
@ConfigurationProperties("sekimori.exports")
public record ExportProperties(@DefaultValue("openpgp") PasswordFormat passwordFormat,
        @DefaultValue("10m") Duration passwordPickup, @DefaultValue Map<String, Recipient> recipients,
        @DefaultValue("data/exports/recipients.yaml") Path recipientsFile) {

    /** The two password formats real tools open. */
    public enum PasswordFormat { OPENPGP, CMS }

    /**
     * A registered recipient.
     *
     * @param name who the recipient is, in words
     * @param key the recipient's OpenPGP public key (as {@code gpg --export} writes it, armored or
     *     not: the file is then OpenPGP) or X.509 certificate (PEM or DER: the file is then CMS)
     * @param dataSystems the data systems whose records may go to this recipient (at least one)
     * @param purposes the purposes of use under which they may; any, when none is listed
     */
    public record Recipient(String name, Path key, @DefaultValue List<String> dataSystems,
            @DefaultValue List<String> purposes) {
    }
}
