package org.sekimori.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * HTTPS toward clients, with the gateway's server certificate from its internal CA.
 *
 * @param plainHttp serve plain HTTP instead: for local development only, warned about at startup
 * @param keys the directory of the CA and the server certificate (PKCS#12), with the CA's PEM
 * @param hostnames the DNS names clients reach the gateway by (in the certificate)
 * @param addresses the IP addresses clients reach the gateway by (in the certificate)
 * @param certificateLifetime how long a server certificate lasts
 * @param renewBefore how long before its end a certificate is replaced
 * @param caLifetime how long a root made on first start lasts
 * @param checkInterval how often the certificates are checked for renewal
 * @param expiryWarning how close to its end a certificate that was not renewed is warned about (a
 *        {@code certificate} record, change {@code expiring}, at most once a day)
 * @param upstreamTrust per data system reached over HTTPS, the PEM file of the certificates that
 *     may stand behind its server certificate; the internal CA's when not given
 */
@ConfigurationProperties("sekimori.tls")
public record TlsProperties(@DefaultValue("false") boolean plainHttp, @DefaultValue("data/keys") Path keys,
        @DefaultValue("localhost") List<String> hostnames, @DefaultValue("127.0.0.1") List<String> addresses,
        @DefaultValue(CERTIFICATE_LIFETIME_DAYS + "d") Duration certificateLifetime, @DefaultValue("10d") Duration renewBefore,
        @DefaultValue(CA_LIFETIME_DAYS + "d") Duration caLifetime, @DefaultValue("1h") Duration checkInterval,
        @DefaultValue("7d") Duration expiryWarning, @DefaultValue Map<String, Path> upstreamTrust)
        implements Validator {

    static final int CERTIFICATE_LIFETIME_DAYS = 30;
    static final int CA_LIFETIME_DAYS = 3650;
    static final String CA_FILE = "ca.p12";
    static final String PASSWORD_FILE = "keystore.password";

    Path caFile() {
        return keys.resolve(CA_FILE);
    }

    Path serverFile() {
        return keys.resolve("gateway-server.p12");
    }

    /** The gateway's client certificate toward {@code dataSystem}. */
    Path clientFile(String dataSystem) {
        return keys.resolve("gateway-client-" + dataSystem + ".p12");
    }

    Path passwordFile() {
        return keys.resolve(PASSWORD_FILE);
    }

    @Override
    public boolean supports(Class<?> type) {
        return TlsProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (renewBefore.compareTo(certificateLifetime) >= 0) {
            errors.rejectValue("renewBefore", "invalid", "must be shorter than certificate-lifetime ("
                    + certificateLifetime.toDays() + " days), or every certificate would be renewed at once");
        }
        if (hostnames.isEmpty() && addresses.isEmpty()) {
            errors.rejectValue("hostnames", "invalid", "name at least one host name or address clients use");
        }
    }
}
