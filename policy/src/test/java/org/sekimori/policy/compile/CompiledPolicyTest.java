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
    void decideWhenExceptionInvokedForOneNamedSubjectThenRowScopeLiftedForThatReadOnly() {
        Principal nurse = new Principal("n", Set.of("ward-nurse"), false, Map.of("wards", Set.of("east")));

        assertThat(policy.decide(underException(nurse, Action.READ, "P1"))).isInstanceOfSatisfying(
                Decision.Permit.class, permit -> assertThat(permit.obligations().rows().everyRecord()).isTrue());
        assertThat(policy.decide(underException(nurse, Action.READ, null))).isInstanceOfSatisfying(
                Decision.Permit.class, permit -> assertThat(permit.obligations().rows().everyRecord()).isFalse());
    }

    @Test
    void decideWhenExceptionClaimedThenOnlyRolesThatMayInvokeItAct() {
        Principal clerk = new Principal("c", Set.of("clerk"), false, Map.of());
        Principal clerkAndNurse = new Principal("cn", Set.of("clerk", "ward-nurse"), false,
                Map.of("wards", Set.of("east")));

        assertThat(policy.decide(underException(clerk, Action.READ, "P1")).reason().code())
                .isEqualTo("exception-not-allowed");
        // The clerk's grant (id and name, unscoped) takes no part: only the ward nurse's scoped one acts.
        assertThat(policy.decide(underException(clerkAndNurse, Action.READ, null))).isInstanceOfSatisfying(
                Decision.Permit.class, permit -> {
                    assertThat(permit.rule()).isEqualTo("grant/ward-nurse-care");
                    assertThat(permit.obligations().treatment("name").label()).isEqualTo("remove");
                });
    }

    private static AccessRequest underException(Principal who, Action action, String subject) {
        return new AccessRequest(who, "clinic", action, Optional.of("care"),
                Optional.of(new org.sekimori.policy.ExceptionClaim("life", "Unconscious patient, history needed")),
                Optional.ofNullable(subject), Set.of(), InetAddress.getLoopbackAddress(),
                Instant.parse("2026-11-24T01:00:00Z"));
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
