package org.sekimori.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Where the gateway finds its access model and its data systems.
 *
 * @param ledger the ledger of personal-data systems (YAML)
 * @param directory the directory of handlers (YAML)
 * @param upstreams the base URI of each data system, by its ledger id
 */
@ConfigurationProperties("sekimori")
public record SekimoriProperties(Path ledger, Path directory, Map<String, URI> upstreams) implements Validator {

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
        upstreams.forEach((id, uri) -> {
            String problem = UpstreamUri.problem(uri);
            if (problem != null) {
                errors.rejectValue("upstreams[" + id + "]", "invalid", problem);
            }
        });
    }
}
