package org.sekimori.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Where the gateway finds its access model and its data systems.
 *
 * @param ledger the ledger of personal-data systems (YAML)
 * @param directory the directory of handlers (YAML)
 * @param upstreams the base URI of each data system, by its ledger id
 * @param policy the access policy (YAML); reloaded when it changes
 * @param subjects the use stops and consents on record (YAML); reloaded when it changes
 * @param policyReloadInterval how often the policy and subject files are checked for changes
 * @param maxMaskedBodySize the largest body the gateway will mask or inspect; larger ones are refused
 * @param pseudonymKey the file of the key pseudonyms are made with; created on first start
 */
@ConfigurationProperties("sekimori")
public record SekimoriProperties(Path ledger, Path directory, Map<String, URI> upstreams, Path policy, Path subjects,
        @DefaultValue("2s") Duration policyReloadInterval, @DefaultValue("16MB") DataSize maxMaskedBodySize,
        @DefaultValue("data/keys/pseudonym.key") Path pseudonymKey)
        implements Validator {

    public SekimoriProperties {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
    }

    @Override
    public boolean supports(Class<?> type) {
        return SekimoriProperties.class.equals(type);
    }

    /** Spring Boot reports these errors with the property's origin (file and line). */
    @Override
    public void validate(Object target, Errors errors) {
        if (ledger == null) {
            errors.rejectValue("ledger", "required", "set sekimori.ledger to the ledger file of personal-data systems");
        }
        if (directory == null) {
            errors.rejectValue("directory", "required", "set sekimori.directory to the directory file of handlers");
        }
        if (policy == null) {
            errors.rejectValue("policy", "required", "set sekimori.policy to the access policy file");
        }
        if (subjects == null) {
            errors.rejectValue("subjects", "required", "set sekimori.subjects to the file of use stops and consents");
        }
        if (policyReloadInterval.isNegative() || policyReloadInterval.isZero()) {
            errors.rejectValue("policyReloadInterval", "invalid", "must be a positive duration such as 2s");
        }
        if (maxMaskedBodySize.toBytes() < 1024 || maxMaskedBodySize.toMegabytes() > 512) {
            errors.rejectValue("maxMaskedBodySize", "invalid", "must be between 1KB and 512MB");
        }
        upstreams.forEach((id, uri) -> {
            String problem = UpstreamUri.problem(uri);
            if (problem != null) {
                errors.rejectValue("upstreams[" + id + "]", "invalid", problem);
            }
        });
    }
}
