package org.sekimori.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.schema.RecordSchema;
import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.DemoDataSystems;

class SyntheticDataTest {

    static final int COUNT = 200;

    static Stream<DemoDataSystem> systems() {
        return DemoDataSystems.all().stream();
    }

    @ParameterizedTest
    @MethodSource("systems")
    void theSameSeedGivesByteIdenticalRecords(DemoDataSystem system) {
        assertThat(json(system, 42L)).isEqualTo(json(system, 42L));
    }

    @ParameterizedTest
    @MethodSource("systems")
    void anotherSeedGivesOtherRecords(DemoDataSystem system) {
        List<String> one = json(system, 42L);
        List<String> other = json(system, 43L);
        for (int i = 0; i < COUNT; i++) {
            assertThat(other.get(i)).isNotEqualTo(one.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void yieldsTheRequestedNumberWithConsecutiveIds(DemoDataSystem system) {
        List<ObjectNode> records = system.syntheticRecords(system.defaultSeed(), COUNT).toList();
        assertThat(records).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            assertThat(records.get(i).get(system.schema().idField()).stringValue()).isEqualTo(system.ids().format(i + 1));
        }
        assertThat(system.syntheticRecords(system.defaultSeed(), 0)).isEmpty();
    }

    /** Re-validating and re-assembling a record must give back the very same bytes. */
    @ParameterizedTest
    @MethodSource("systems")
    void everyRecordPassesTheSystemsOwnValidationUnchanged(DemoDataSystem system) {
        RecordSchema schema = system.schema();
        system.syntheticRecords(system.defaultSeed(), COUNT).forEach(record -> {
            String id = record.get(schema.idField()).stringValue();
            assertThatNoException().as(id).isThrownBy(() -> schema.validate(record, id));
            ObjectNode rebuilt = schema.assemble(id, schema.validate(record, id),
                    Instant.parse(record.get(RecordSchema.UPDATED_AT).stringValue()));
            assertThat(Http.JSON.writeValueAsString(rebuilt)).isEqualTo(Http.JSON.writeValueAsString(record));
        });
    }

    @ParameterizedTest
    @MethodSource("systems")
    void contactDetailsCannotReachAnyone(DemoDataSystem system) {
        system.syntheticRecords(system.defaultSeed(), COUNT).forEach(record -> {
            if (record.has("email")) {
                assertThat(record.get("email").stringValue()).matches(".+@example\\.(jp|[a-z]{2}\\.jp)");
            }
            if (record.has("phone")) {
                assertThat(record.get("phone").stringValue()).matches("0[0-9]{2}-555-[0-9]{4}");
            }
        });
    }

    private static List<String> json(DemoDataSystem system, long seed) {
        return system.syntheticRecords(seed, COUNT).map(Http.JSON::writeValueAsString).toList();
    }
}
