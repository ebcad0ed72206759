package org.sekimori.jmh;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.mask.BodyMasker;
import org.sekimori.policy.mask.BodyShape;
import org.sekimori.policy.mask.MaskReport;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.mask.Treatment;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * How fast a 1 MiB page of follow-up records is masked for an epidemiologist (age banded, sex, area
 * and condition shown, update time reduced to its month, everything else removed), against the
 * floor any streaming masker stands on: Jackson parsing the same page and writing every token back.
 *
 * <p>Each benchmark reports operations (pages) per second and, as the secondary result
 * {@code bytes}, upstream bytes per second: MB/s = bytes / 10^6 (equally, ops/s × the page size
 * printed at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MaskingBenchmark {

    /** The size of the page, in bytes, at least. */
    private static final int PAGE_BYTES = 1 << 20;

    private byte[] page;
    private BodyMasker epidemiologist;
    private JsonFactory jackson;

    /** Upstream bytes handled, reported by JMH as a rate next to the ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        FollowupPage.Page generated = FollowupPage.generate(PAGE_BYTES);
        page = generated.json();
        Obligations obligations = new Obligations("followup", "outbreak-analysis", "id",
                Map.of("age", new Treatment.AgeBand(10), "sex", Treatment.SHOW, "residenceArea", Treatment.SHOW,
                        "currentCondition", Treatment.SHOW, "updatedAt", Treatment.MONTH),
                Set.of(), SubjectRegister.EMPTY);
        epidemiologist = BodyMasker.of(obligations, (system, value) -> {
            throw new AssertionError("the epidemiologist sees no pseudonyms");
        }, BodyShape.PAGE);
        jackson = JsonFactory.builder().build();

        // Measure the right thing: every record masked, none lost.
        MaskReport report = epidemiologist.mask(new ByteArrayInputStream(page), new Discard());
        if (report.recordsReturned() != generated.records()) {
            throw new IllegalStateException("masked " + report.recordsReturned() + " of " + generated.records() + " records");
        }
        System.out.printf("%npage: %d bytes, %d records; MB/s = ops/s x %.3f%n", page.length, generated.records(),
                page.length / 1e6);
    }

    @Benchmark
    public MaskReport maskEpidemiologistPage(Throughput throughput) {
        throughput.bytes += page.length;
        return epidemiologist.mask(new ByteArrayInputStream(page), new Discard());
    }

    @Benchmark
    public long jacksonStreamingCopy(Throughput throughput) {
        throughput.bytes += page.length;
        Discard out = new Discard();
        try (JsonParser parser = jackson.createParser(ObjectReadContext.empty(), new ByteArrayInputStream(page));
                JsonGenerator generator = jackson.createGenerator(ObjectWriteContext.empty(), out)) {
            while (parser.nextToken() != null) {
                generator.copyCurrentEvent(parser);
            }
        }
        return out.written;
    }

    /** Counts what is written and keeps none of it, so neither benchmark pays for growing a buffer. */
    static final class Discard extends OutputStream {
        long written;

        @Override
        public void write(int b) {
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            written += len;
        }
    }
}
