package org.sekimori.gateway.audit.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sekimori.gateway.audit.chain.ExportFile.UnreadableLine;
import org.sekimori.gateway.audit.chain.ExportLine.Entry;
import org.sekimori.gateway.audit.chain.ExportLine.Seal;
import org.sekimori.keys.CheckpointPublicKey;

/**
 * Verifies an export of the audit trail against the public checkpoint keys, and optionally against
 * a copy of the checkpoints kept outside the store, and says what was done to it if anything was.
 *
 * <p>An export can be larger than memory, so it is read as a stream, twice. The first pass surveys
 * each chain (which records are present, its checkpoints, its purge records): that is what tells a
 * deleted record from a moved one, or a duplicate from a forgery. The second walks every chain in
 * order and reports the first problem met. A third pass runs only when a record number stands more
 * than once, to learn whether the copies are the same. Memory grows with the checkpoints and the
 * runs of consecutive records, not with the records.
 */
public final class ChainVerifier {

    private final List<CheckpointPublicKey> keys;

    public ChainVerifier(List<CheckpointPublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a verification needs at least one public key");
        }
        this.keys = List.copyOf(keys);
    }

    /** Verifies an export whose newest checkpoints are trusted to be in it. */
    public Verification verify(Supplier<Stream<String>> export) {
        return verify(export, Stream::empty);
    }

    /**
     * Verifies an export against the checkpoints it holds and those of {@code checkpointCopy}, which
     * show records cut off the end of the export along with their checkpoints; every checkpoint of the
     * copy is taken to be older than the export.
     */
    public Verification verify(Supplier<Stream<String>> export, Supplier<Stream<String>> checkpointCopy) {
        return verify(export, checkpointCopy, Instant.MAX);
    }

    /**
     * Verifies an export made at {@code exportedAt} against the checkpoints it holds and those of
     * {@code checkpointCopy}. A copy taken after the export also seals records made since: a
     * checkpoint beyond the export's last record shows it cut short only when it was signed by then.
     *
     * @param export the export's lines, read once per pass
     * @param checkpointCopy checkpoint lines kept elsewhere, read once
     * @param exportedAt when the export was made
     */
    public Verification verify(Supplier<Stream<String>> export, Supplier<Stream<String>> checkpointCopy,
            Instant exportedAt) {
        Map<String, ChainSurvey> chains = new TreeMap<>();
        Optional<Problem> problem = eachLine(export, "export", (line, number) -> {
            if (line instanceof Entry entry) {
                survey(chains, entry.entry().chain()).entry(entry.entry());
            } else if (line instanceof Seal seal) {
                survey(chains, seal.checkpoint().chain()).checkpoints().add(seal.checkpoint(), "export");
            }
            return Optional.empty();
        }).or(() -> eachLine(checkpointCopy, "checkpoint copy", (line, number) -> {
            if (!(line instanceof Seal seal)) {
                return Optional.of(Problem.unreadable(number, "Line " + number
                        + " of the checkpoint copy is not a checkpoint."));
            }
            survey(chains, seal.checkpoint().chain()).checkpoints().add(seal.checkpoint(), "checkpoint copy");
            return Optional.empty();
        })).or(() -> compareCopies(export, chains));
        Map<String, ChainWalk> walks = new TreeMap<>();
        chains.forEach((chain, survey) -> walks.put(chain, new ChainWalk(survey)));
        problem = problem.or(() -> eachLine(export, "export", (line, number) -> line instanceof Entry entry
                ? walk(walks, entry.entry(), number) : Optional.empty()));
        for (ChainWalk walk : walks.values()) {
            problem = problem.or(() -> walk.finish(exportedAt));
        }
        if (problem.isPresent()) {
            return Verification.failed(problem.get());
        }
        List<ChainSummary> summaries = new ArrayList<>();
        walks.values().forEach(walk -> summaries.add(walk.summary()));
        return Verification.intact(summaries);
    }

    /** The third pass, when some record number stands more than once: are the copies the same? */
    private static Optional<Problem> compareCopies(Supplier<Stream<String>> export, Map<String, ChainSurvey> chains) {
        if (chains.values().stream().noneMatch(ChainSurvey::hasRepeats)) {
            return Optional.empty();
        }
        return eachLine(export, "export", (line, number) -> {
            if (line instanceof Entry entry && chains.containsKey(entry.entry().chain())) {
                chains.get(entry.entry().chain()).copy(entry.entry(), number);
            }
            return Optional.empty();
        });
    }

    private static Optional<Problem> walk(Map<String, ChainWalk> walks, ChainEntry entry, long number) {
        ChainWalk walk = walks.get(entry.chain());
        if (walk == null) {
            return Optional.of(Problem.unreadable(number, "Line " + number
                    + " of the export changed while it was verified: verify a copy that nothing writes to."));
        }
        return walk.next(entry, number);
    }

    private ChainSurvey survey(Map<String, ChainSurvey> chains, String chain) {
        return chains.computeIfAbsent(chain, name -> new ChainSurvey(name, keys));
    }

    /** What is done with each line that reads; the first problem it returns ends the pass. */
    private interface LineVisitor {
        Optional<Problem> visit(ExportLine line, long number);
    }

    /** Reads every line but blank ones, ending at the first that cannot be read or that the visitor faults. */
    private static Optional<Problem> eachLine(Supplier<Stream<String>> lines, String source, LineVisitor visitor) {
        long number = 0;
        try (Stream<String> stream = lines.get()) {
            Iterator<String> each = stream.iterator();
            while (each.hasNext()) {
                String text = each.next();
                number++;
                if (text.isBlank()) {
                    continue;
                }
                ExportLine line;
                try {
                    line = ExportLine.parse(text);
                } catch (IllegalArgumentException e) {
                    return Optional.of(unreadable(source, number, e.getMessage()));
                }
                Optional<Problem> problem = visitor.visit(line, number);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } catch (UnreadableLine e) {
            return Optional.of(unreadable(source, e.line(), e.getMessage()));
        }
        return Optional.empty();
    }

    private static Problem unreadable(String source, long number, String why) {
        return Problem.unreadable(number, "Line " + number + " of the " + source + " cannot be read: " + why + ".");
    }
}
