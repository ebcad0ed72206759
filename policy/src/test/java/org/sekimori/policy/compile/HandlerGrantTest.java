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
    private final HandlerGrant billingForAnna = new HandlerGrant("r-1", "anna", "clinic", Set.of(Action.READ),
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
        HandlerGrant ward = new HandlerGrant("r-3", "anna", "clinic", Set.of(Action.READ), Set.of("care"),
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
        HandlerGrant readAll = new HandlerGrant("r-2", "anna", "clinic", Set.of(Action.DELETE), Set.of("care"),
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
