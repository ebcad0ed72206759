package org.sekimori.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.ExceptionClaim;
import org.sekimori.policy.Principal;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.load.PolicyFile;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.Ledger;

/** Grants held by one handler from an approved request, beside the grants of roles. */
class HandlerGrantTest {

    private static final Path DIR = Path.of("src/test/resources/decisions");
    /** 2026-11-24 10:00 in Tokyo, the decisions policy's zone. */
    private static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
    private final Ledger ledger = LedgerFile.load(DIR.resolve("ledger.yaml"));
    private final HandlerGrant billingForAnna = new HandlerGrant("r-1", "anna", Set.of("auditor"), "clinic",
            Set.of(Action.READ),
            Set.of("billing"), Map.of("id", Treatment.SHOW, "age", Treatment.SHOW), LocalDate.parse("2026-11-30"));
    private final CompiledPolicy policy = PolicyCompiler.compile(PolicyFile.load(DIR.resolve("policy.yaml"), ledger),
            ledger, SubjectRegister.EMPTY, "v1", List.of(billingForAnna));

    @Test
    void decideWhenTheHandlerHoldsAnApprovedGrantThenItPermitsWithItsItemsAndNamesTheRequest() {
        Decision decision = policy.decide(read(new Principal("anna", Set.of("auditor"), false, Map.of()), "billing",
                Optional.empty(), NOW));

        assertThat(decision).isInstanceOfSatisfying(Decision.Permit.class, permit -> {
            assertThat(permit.rule()).isEqualTo("request/r-1");
            assertThat(permit.obligations().treatment("age")).isEqualTo(Treatment.SHOW);
            assertThat(permit.obligations().treatment("name")).isEqualTo(Treatment.REMOVE);
        });
    }

    @Test
    void decideWhenTheHandlersOwnGrantWidensTheirRolesThenTheItemsCombineAndBothRulesAreNamed() {
        HandlerGrant ward = new HandlerGrant("r-3", "anna", Set.of("doctor"), "clinic", Set.of(Action.READ),
                Set.of("care"),
                Map.of("ward", Treatment.SHOW), LocalDate.parse("2026-11-30"));
        CompiledPolicy withWard = PolicyCompiler.compile(PolicyFile.load(DIR.resolve("policy.yaml"), ledger),
                ledger, SubjectRegister.EMPTY, "v1", List.of(ward));

        Decision decision = withWard.decide(read(new Principal("anna", Set.of("doctor"), false, Map.of()), "care",
                Optional.empty(), NOW));

        assertThat(decision).isInstanceOfSatisfying(Decision.Permit.class, permit -> {
            assertThat(permit.rule()).isEqualTo("grant/doctor-care");
            assertThat(permit.moreRules()).containsExactly("request/r-3");
            assertThat(permit.obligations().treatment("ward")).isEqualTo(Treatment.SHOW);
            assertThat(permit.obligations().treatment("name")).isEqualTo(Treatment.SHOW);
        });
    }

    @Test
    void decideWhenTheHandlersRoleScopesRecordsThenTheirOwnGrantKeepsThatScope() {
        // The ward nurse's role may only read, and only their wards; an approved export stays in those wards.
        HandlerGrant export = new HandlerGrant("r-4", "wn", Set.of("ward-nurse"), "clinic", Set.of(Action.EXPORT),
                Set.of("care"), Map.of("id", Treatment.SHOW), LocalDate.parse("2026-11-30"));
        CompiledPolicy withExport = compiled(export);
        Principal nurse = new Principal("wn", Set.of("ward-nurse"), false, Map.of("wards", Set.of("east")));

        Decision decision = withExport.decide(new AccessRequest(nurse, "clinic", Action.EXPORT, Optional.of("care"),
                Optional.empty(), Optional.empty(), Set.of(), InetAddress.getLoopbackAddress(), NOW));

        assertThat(decision).isInstanceOfSatisfying(Decision.Permit.class, permit -> {
            assertThat(permit.rule()).isEqualTo("request/r-4");
            assertThat(permit.obligations().rows().everyRecord()).isFalse();
            assertThat(permit.obligations().rows().admits("east")).isTrue();
            assertThat(permit.obligations().rows().admits("west")).isFalse();
        });
    }

    @Test
    void decideWhenTheHandlersRoleWorksInATimeWindowThenTheirOwnGrantDoesToo() {
        HandlerGrant more = new HandlerGrant("r-5", "nn", Set.of("night-nurse"), "clinic", Set.of(Action.READ),
                Set.of("billing"), Map.of("id", Treatment.SHOW), LocalDate.parse("2026-11-30"));
        Principal nurse = new Principal("nn", Set.of("night-nurse"), false, Map.of());

        // Tuesday 10:00 in Tokyo: outside the night window (Monday 22:00 to 06:00).
        assertThat(compiled(more).decide(read(nurse, "billing", Optional.empty(), NOW)).reason().code())
                .isEqualTo("outside-time-window");
        // Monday 23:00 in Tokyo.
        assertThat(compiled(more).decide(read(nurse, "billing", Optional.empty(),
                Instant.parse("2026-11-23T14:00:00Z")))).isInstanceOf(Decision.Permit.class);
    }

    private CompiledPolicy compiled(HandlerGrant held) {
        return PolicyCompiler.compile(PolicyFile.load(DIR.resolve("policy.yaml"), ledger), ledger,
                SubjectRegister.EMPTY, "v1", List.of(held));
    }

    @Test
    void decideWhenAnotherHandlerOfTheSameRoleAsksThenTheGrantIsNotTheirs() {
        Decision decision = policy.decide(read(new Principal("bob", Set.of("auditor"), false, Map.of()), "billing",
                Optional.empty(), NOW));

        assertThat(decision.reason().code()).isEqualTo("no-grant");
    }

    @Test
    void decideWhenThePurposeIsNotTheApprovedOneThenRefusedNamingTheApprovedPurposes() {
        Decision decision = policy.decide(read(new Principal("anna", Set.of("auditor"), false, Map.of()), "care",
                Optional.empty(), NOW));

        assertThat(decision.reason().code()).isEqualTo("purpose-not-granted");
        assertThat(((Decision.Deny) decision).allowed()).containsExactly("billing");
    }

    @Test
    void decideAfterTheLastDayInThePolicyZoneThenExpired() {
        Principal anna = new Principal("anna", Set.of("auditor"), false, Map.of());

        assertThat(policy.decide(read(anna, "billing", Optional.empty(), Instant.parse("2026-11-30T14:59:59Z"))))
                .isInstanceOf(Decision.Permit.class);
        assertThat(policy.decide(read(anna, "billing", Optional.empty(), Instant.parse("2026-11-30T15:00:00Z")))
                .reason().code()).isEqualTo("grant-expired");
    }

    @Test
    void decideUnderAnExceptionThenTheHandlersOwnGrantTakesNoPart() {
        // A doctor may invoke 'life', but an approved grant was approved for its purposes only.
        Principal doctorAnna = new Principal("anna", Set.of("doctor"), false, Map.of());
        HandlerGrant readAll = new HandlerGrant("r-2", "anna", Set.of("doctor"), "clinic", Set.of(Action.DELETE),
                Set.of("care"),
                Map.of("id", Treatment.SHOW), LocalDate.parse("2026-11-30"));
        CompiledPolicy withDelete = PolicyCompiler.compile(PolicyFile.load(DIR.resolve("policy.yaml"), ledger),
                ledger, SubjectRegister.EMPTY, "v1", List.of(readAll));
        AccessRequest delete = new AccessRequest(doctorAnna, "clinic", Action.DELETE, Optional.of("care"),
                Optional.of(new ExceptionClaim("life", "Unconscious patient, the record must go now")),
                Optional.of("P1"), Set.of(), InetAddress.getLoopbackAddress(), NOW);

        assertThat(withDelete.decide(delete).reason().code()).isEqualTo("no-grant");
        assertThat(withDelete.handlerGrants()).containsExactly(readAll);
    }

    private static AccessRequest read(Principal who, String purpose, Optional<ExceptionClaim> exception,
            Instant time) {
        return new AccessRequest(who, "clinic", Action.READ, Optional.of(purpose), exception, Optional.empty(),
                Set.of(), InetAddress.getLoopbackAddress(), time);
    }
}
