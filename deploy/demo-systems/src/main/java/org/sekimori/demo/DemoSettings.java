package org.sekimori.demo;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.sekimori.demo.system.DemoDataSystem;

/**
 * {@code sekimori.demo.*} settings.
 *
 * @param system which system to run: followup or registry (no default: running the wrong one by
 *        accident would be confusing)
 * @param dataDir where each system keeps its own H2 database file
 * @param seed the seed for generating people; unset means the system's own fixed default
 * @param subjects how many people to generate into an empty database
 * @param assertionKeys the gateway's public keys for its handler assertions (a JWK set file); when
 *        set, every request to the records must carry a valid assertion for this system
 * @param clientSubjects the common names of client certificates served besides the gateway's own
 *        for this system ({@code Sekimori gateway to <system>}), such as an operator's for checks;
 *        with the {@code mtls} profile, or when this is set, every other client is refused with 403
 */
@ConfigurationProperties("sekimori.demo")
public record DemoSettings(
        String system,
        @DefaultValue("data/demo") String dataDir,
        Long seed,
        @DefaultValue("10000") int subjects,
        Path assertionKeys,
        @DefaultValue List<String> clientSubjects) {

    public DemoSettings {
        if (subjects < 0) {
            throw new DemoConfigurationException("sekimori.demo.subjects is " + subjects + ", but it cannot be negative.",
                    "Set --sekimori.demo.subjects to 0 or more (the default is 10000).");
        }
    }

    public long seedFor(DemoDataSystem demo) {
        return seed != null ? seed : demo.defaultSeed();
    }

    /** The database file name without H2's ".mv.db" suffix, as H2 URLs want it. */
    public Path databasePath(DemoDataSystem demo) {
        return Path.of(dataDir).resolve(demo.name());
    }
}
