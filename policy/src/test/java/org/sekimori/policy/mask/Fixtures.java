package org.sekimori.policy.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sekimori.policy.SubjectRegister;

/** Obligations, registers and pseudonymisers for the masker tests. */
final class Fixtures {

    /** A token that shows which system and how long the value was, so tests can tell it was applied. */
    static final Pseudonymiser PSEUDONYMS = (system, value) -> "p:" + system + ":" + value.length();

    private Fixtures() {
    }

    /** A register where {@code stopped} subjects are withheld and {@code consenting} ones consented to every purpose. */
    static SubjectRegister register(Set<String> stopped, Set<String> consenting) {
        return new SubjectRegister() {
            @Override
            public boolean useStopped(String dataSystem, String subject) {
                return stopped.contains(subject);
            }

            @Override
            public boolean consented(String dataSystem, String subject, String purpose) {
                return consenting.contains(subject);
            }
        };
    }

    /** Obligations for the follow-up system, subject key {@code id}, nothing gated, nobody stopped (but a real register). */
    static Obligations followup(Map<String, Treatment> items) {
        return new Obligations("followup", "outbreak-analysis", "id", items, Set.of(), register(Set.of(), Set.of()));
    }

    static Obligations followup(Map<String, Treatment> items, Set<String> gated, SubjectRegister register) {
        return new Obligations("followup", "outbreak-analysis", "id", items, gated, register);
    }

    /** The epidemiologist's view of follow-up records. */
    static Obligations epidemiologist() {
        return followup(Map.of("age", new Treatment.AgeBand(10), "sex", Treatment.SHOW, "residenceArea", Treatment.SHOW,
                "currentCondition", Treatment.SHOW, "updatedAt", Treatment.MONTH));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(MaskedBody masked) {
        return new String(masked.body(), StandardCharsets.UTF_8);
    }

    /** A pseudonymiser that remembers what it was given. */
    static final class Recording implements Pseudonymiser {
        final List<String> values = new ArrayList<>();

        @Override
        public String pseudonym(String dataSystem, String value) {
            values.add(value);
            return "p" + values.size();
        }
    }
}
