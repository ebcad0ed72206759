package org.sekimori.gateway.export;

import java.util.Optional;

/**
 * How records that left were encrypted, as their access record tells it: the method, and for a
 * recipient's key its id and the key's fingerprint. Never the password.
 *
 * @param exportId the export's own random id, under which its password is picked up
 * @param method e.g. {@code openpgp-password}, {@code cms-certificate}
 * @param recipient the registered recipient's id, when encrypted for one
 * @param key the fingerprint of the recipient's key or certificate
 */
public record Protection(String exportId, String method, Optional<String> recipient, Optional<String> key) {
}
