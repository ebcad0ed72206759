package org.sekimori.jmh;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Effect;
import org.sekimori.policy.ExceptionClaim;
import org.sekimori.policy.PolicyEngine;
import org.sekimori.policy.Principal;
import org.sekimori.policy.compile.PolicyCompiler;
import org.sekimori.policy.load.LedgerFile;
import org.sekimori.policy.load.PolicyFile;
import org.sekimori.policy.load.SubjectRegisterFile;
import org.sekimori.policy.model.Ledger;

/**
 * Decisions per second on the demo policy, one thread, over a mix of requests as the demo's
 * handlers make them: permitted reads, exports and writes, and denials for a missing or wrong
 * purpose, a missing grant, a stopped subject, a short justification and the time window.
 * {@code decide} reports throughput; {@code decideLatency} samples single decisions for p99.
 * Run from the repository root (deploy/jmh/run does), where the demo files are.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {

    private static final Path DEMO = Path.of("deploy/demo");

    private PolicyEngine engine;
    private AccessRequest[] mix;
    private int next;

    @Setup
    public void setUp() throws Exception {
        Ledger ledger = LedgerFile.load(DEMO.resolve("ledger.yaml"));
        engine = PolicyCompiler.compile(PolicyFile.load(DEMO.resolve("policy.yaml"), ledger), ledger,
                SubjectRegisterFile.load(DEMO.resolve("subjects.yaml"), ledger), "bench");
        mix = requests().toArray(AccessRequest[]::new);
        int permits = 0;
        for (AccessRequest request : mix) {
            permits += engine.decide(request).effect() == Effect.PERMIT ? 1 : 0;
        }
        System.out.printf("%n%d requests in the mix, %d permitted, %d denied%n", mix.length, permits,
                mix.length - permits);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public Decision decide() {
        return decideNext();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision decideLatency() {
        return decideNext();
    }

    private Decision decideNext() {
        AccessRequest request = mix[next];
        next = next + 1 == mix.length ? 0 : next + 1;
        return engine.decide(request);
    }

    private static List<AccessRequest> requests() throws Exception {
        Principal nurse = new Principal("nurse.sato", Set.of("nurse"), false,
                Map.of("areas", Set.of("相馬市", "南相馬市", "新地町")));
        Principal epidemiologist = new Principal("epi.suzuki", Set.of("epidemiologist"), false, Map.of());
        Principal contractor = new Principal("contractor.tanaka", Set.of("contractor"), false, Map.of());
        Principal researcher = new Principal("researcher.ito", Set.of("researcher"), false, Map.of());
        Principal secretariat = new Principal("secretariat.yamada", Set.of("secretariat"), false, Map.of());
        Principal auditor = new Principal("auditor.kato", Set.of("auditor"), false, Map.of());
        Instant office = Instant.parse("2026-11-24T01:00:00Z");
        Instant night = Instant.parse("2026-11-24T13:00:00Z");
        InetAddress client = InetAddress.getByName("10.20.30.40");
        List<AccessRequest> mix = new ArrayList<>();
        // Permitted, as most traffic is.
        mix.add(request(nurse, "followup", Action.READ, "follow-up-care", "F00001", office, client));
        mix.add(request(nurse, "followup", Action.READ, "follow-up-care", null, office, client));
        mix.add(request(nurse, "followup", Action.READ, "enquiry-response", "F00003", office, client));
        mix.add(new AccessRequest(nurse, "followup", Action.UPDATE, Optional.of("follow-up-care"), Optional.empty(),
                Optional.of("F00004"), Set.of("currentCondition", "medication"), client, office));
        mix.add(request(epidemiologist, "followup", Action.READ, "outbreak-analysis", null, office, client));
        mix.add(request(epidemiologist, "followup", Action.EXPORT, "infection-control", null, office, client));
        mix.add(request(researcher, "followup", Action.EXPORT, "academic-research", null, office, client));
        mix.add(request(contractor, "followup", Action.READ, "system-operation", null, office, client));
        mix.add(request(secretariat, "registry", Action.READ, "membership-administration", "M000001", office, client));
        mix.add(request(secretariat, "registry", Action.READ, "society-communication", null, office, client));
        mix.add(new AccessRequest(nurse, "followup", Action.READ, Optional.of("infection-control"),
                Optional.of(new ExceptionClaim("life-body-property",
                        "Resident reported breathing difficulty and cannot be reached.")),
                Optional.of("F00002"), Set.of(), client, office));
        // Denied.
        mix.add(request(nurse, "followup", Action.READ, null, null, office, client));
        mix.add(request(nurse, "followup", Action.READ, "academic-research", null, office, client));
        mix.add(request(nurse, "followup", Action.READ, "follow-up-care", "F00007", office, client));
        mix.add(request(epidemiologist, "followup", Action.UPDATE, "infection-control", "F00001", office, client));
        mix.add(request(contractor, "followup", Action.READ, "system-operation", null, night, client));
        mix.add(request(auditor, "registry", Action.READ, "membership-administration", null, office, client));
        mix.add(request(secretariat, "registry", Action.PROVIDE, "academic-meetings", null, office, client));
        mix.add(new AccessRequest(nurse, "followup", Action.READ, Optional.of("infection-control"),
                Optional.of(new ExceptionClaim("life-body-property", "urgent")), Optional.empty(), Set.of(), client,
                office));
        return mix;
    }

    private static AccessRequest request(Principal who, String system, Action action, String purpose, String subject,
            Instant time, InetAddress client) {
        return new AccessRequest(who, system, action, Optional.ofNullable(purpose), Optional.empty(),
                Optional.ofNullable(subject), Set.of(), client, time);
    }
}
