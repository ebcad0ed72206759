package org.sekimori.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Principal;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.load.PolicyFile;
import org.sekimori.policy.mask.RecordScope;
import org.sekimori.policy.model.Ledger;

class CompiledPolicyTest {

    private static final Path DIR = Path.of("src/test/resources/decisions");
    private final Ledger ledger = LedgerFile.load(DIR.resolve("ledger.yaml"));
    private final CompiledPolicy policy = PolicyCompiler.compile(PolicyFile.load(DIR.resolve("policy.yaml"), ledger),
            ledger, SubjectRegister.EMPTY, "v1");

    @Test
    void decideWhenGrantHasRowScopeThenObligationsCarryTheHandlersValues() {
        Principal nurse = new Principal("n", Set.of("ward-nurse"), false, Map.of("wards", Set.of("east", "west")));

        Decision decision = policy.decide(read(nurse));

        assertThat(decision).isInstanceOfSatisfying(Decision.Permit.class, permit -> assertThat(
                permit.obligations().rows()).isEqualTo(new RecordScope("ward", Set.of("east", "west"))));
    }

    @Test
    void decideWhenHandlerLacksTheScopeAttributeThenNoRecordIsInScope() {
        Principal nurse = new Principal("n", Set.of("ward-nurse"), false, Map.of());

        Decision decision = policy.decide(read(nurse));

        assertThat(decision).isInstanceOfSatisfying(Decision.Permit.class, permit -> {
            assertThat(permit.obligations().rows().everyRecord()).isFalse();
            assertThat(permit.obligations().rows().admits("east")).isFalse();
        });
    }

    @Test
    void decideWhenGrantWithoutRowScopeThenEveryRecord() {
        Principal doctor = new Principal("d", Set.of("doctor"), false, Map.of());

        assertThat(policy.decide(read(doctor))).isInstanceOfSatisfying(Decision.Permit.class,
                permit -> assertThat(permit.obligations().rows().everyRecord()).isTrue());
    }

    @Test
    void decideWhenExceptionInvokedThenRowScopeLifted() {
        Principal nurse = new Principal("n", Set.of("ward-nurse"), false, Map.of("wards", Set.of("east")));
        Principal doctorNurse = new Principal("n", Set.of("ward-nurse", "doctor"), false, Map.of("wards", Set.of("east")));
        AccessRequest breakGlass = new AccessRequest(doctorNurse, "clinic", Action.READ, Optional.of("care"),
                Optional.of(new org.sekimori.policy.ExceptionClaim("life", "Unconscious patient, history needed")),
                Optional.empty(), Set.of(), InetAddress.getLoopbackAddress(), Instant.parse("2026-11-24T01:00:00Z"));

        assertThat(policy.decide(read(nurse))).isInstanceOfSatisfying(Decision.Permit.class,
                permit -> assertThat(permit.obligations().rows().everyRecord()).isFalse());
        assertThat(policy.decide(breakGlass)).isInstanceOfSatisfying(Decision.Permit.class,
                permit -> assertThat(permit.obligations().rows().everyRecord()).isTrue());
    }

    @Test
    void versionIsTheOneCompiledIn() {
        assertThat(policy.version()).isEqualTo("v1");
    }

    private static AccessRequest read(Principal principal) {
        return new AccessRequest(principal, "clinic", Action.READ, Optional.of("care"), Optional.empty(),
                Optional.empty(), Set.of(), InetAddress.getLoopbackAddress(), Instant.parse("2026-11-24T01:00:00Z"));
    }
}
