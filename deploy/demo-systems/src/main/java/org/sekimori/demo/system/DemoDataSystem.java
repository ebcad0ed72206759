package org.sekimori.demo.system;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.schema.RecordSchema;

/**
 * Everything that makes one demo system different from the other; the storage, web and CSV code
 * is shared and reads its behaviour from here.
 *
 * @param name what {@code --sekimori.demo.system} selects
 * @param resource the collection path segment, e.g. {@code subjects}
 * @param recordNoun how messages to clients name one record, e.g. {@code subject}
 */
public record DemoDataSystem(
        String name,
        String resource,
        String recordNoun,
        IdFormat ids,
        RecordSchema schema,
        List<Filter> filters,
        int defaultPort,
        long defaultSeed,
        SyntheticPeople people) {

    public DemoDataSystem {
        filters = List.copyOf(filters);
    }

    /** The distinct columns the filters need, in first-use order. */
    public List<IndexedColumn> indexedColumns() {
        return filters.stream().map(Filter::column).distinct().toList();
    }

    /**
     * Invents {@code count} records numbered from 1. The stream shares one random sequence, so it
     * must be consumed in order (never in parallel) to be reproducible.
     */
    public Stream<ObjectNode> syntheticRecords(long seed, int count) {
        Draw draw = new Draw(seed);
        return IntStream.rangeClosed(1, count).sequential().mapToObj(n -> people.create(ids.format(n), draw));
    }
}
