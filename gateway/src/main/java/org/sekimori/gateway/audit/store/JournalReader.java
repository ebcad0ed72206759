package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.store.AuditQuery.Cursor;
import org.sekimori.gateway.audit.store.JournalSegment.CheckpointLine;
import org.sekimori.gateway.audit.store.JournalSegment.Line;
import org.sekimori.gateway.audit.store.JournalSegment.RecordLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the embedded journal for auditors by scanning it: fine for the volumes of one site, with no
 * index to keep consistent. Production keeps its records in PostgreSQL, which searches by index.
 */
public final class JournalReader implements TrailReader {

    private static final Comparator<Found> ORDER = Comparator.comparing((Found found) -> found.cursor().time())
            .thenComparing(found -> found.cursor().chain()).thenComparingLong(found -> found.cursor().seq());

    private final Path directory;
    private final JsonMapper json;

    public JournalReader(Path directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    public List<Found> search(AuditQuery query) throws IOException {
        Predicate<Found> matches = matcher(query);
        List<Found> found = new ArrayList<>();
        for (JournalSegment segment : Journal.segments(directory)) {
            for (Line line : segment.read(json)) {
                if (line instanceof RecordLine record) {
                    Found candidate = found(record);
                    if (matches.test(candidate)) {
                        found.add(candidate);
                        if (found.size() >= 2 * query.limit()) {
                            keepFirst(found, query.limit()); // memory stays bounded by the page, not the journal
                        }
                    }
                }
            }
        }
        keepFirst(found, query.limit());
        return List.copyOf(found);
    }

    private static void keepFirst(List<Found> found, int limit) {
        found.sort(ORDER);
        if (found.size() > limit) {
            found.subList(limit, found.size()).clear();
        }
    }

    @Override
    public Optional<Found> record(String chain, long seq) throws IOException {
        for (JournalSegment segment : Journal.segments(directory, chain)) {
            for (Line line : segment.read(json)) {
                if (line instanceof RecordLine record && record.entry().seq() == seq) {
                    return Optional.of(found(record));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> chains() throws IOException {
        return List.copyOf(new TreeSet<>(Journal.segments(directory).stream().map(JournalSegment::chain).toList()));
    }

    @Override
    public void export(String chain, Consumer<ChainEntry> records, Consumer<Checkpoint> checkpoints)
            throws IOException {
        for (JournalSegment segment : Journal.segments(directory, chain)) {
            for (Line line : segment.read(json)) {
                if (line instanceof RecordLine record) {
                    records.accept(record.entry());
                } else if (line instanceof CheckpointLine checkpoint) {
                    checkpoints.accept(checkpoint.checkpoint());
                }
            }
        }
    }

    @Override
    public void checkpoints(Consumer<Checkpoint> checkpoints) throws IOException {
        for (JournalSegment segment : Journal.segments(directory)) {
            for (Line line : segment.read(json)) {
                if (line instanceof CheckpointLine checkpoint) {
                    checkpoints.accept(checkpoint.checkpoint());
                }
            }
        }
    }

    private static Found found(RecordLine record) {
        ChainEntry entry = record.entry();
        return new Found(entry, new Cursor(record.time(), entry.chain(), entry.seq()));
    }

    private static Predicate<Found> matcher(AuditQuery query) {
        Predicate<Found> all = found -> true;
        all = all.and(found -> query.from().map(from -> !found.cursor().time().isBefore(from)).orElse(true));
        all = all.and(found -> query.to().map(to -> found.cursor().time().isBefore(to)).orElse(true));
        all = all.and(text("handler", query.handler())).and(text("dataSystem", query.dataSystem()))
                .and(text("action", query.action())).and(text("purpose", query.purpose()))
                .and(text("decision", query.decision())).and(text("event", query.event()));
        all = all.and(found -> query.exception().map(flag -> found.entry().record().has("exception") == flag)
                .orElse(true));
        all = all.and(found -> query.subjects().isEmpty() || query.subjects().stream()
                .anyMatch(subject -> contains(found.entry().record().path("subjects"), subject)));
        return all.and(found -> query.after().map(after -> ORDER.compare(found, new Found(null, after)) > 0)
                .orElse(true));
    }

    private static Predicate<Found> text(String member, Optional<String> wanted) {
        return found -> wanted.map(value -> value.equals(found.entry().record().path(member).asString(null)))
                .orElse(true);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asString())) {
                return true;
            }
        }
        return false;
    }
}
