package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sekimori.gateway.audit.chain.ChainEntry;
import org.sekimori.gateway.audit.chain.Checkpoint;
import org.sekimori.gateway.audit.chain.ExportLines;
import org.sekimori.gateway.audit.store.JournalSegment.CheckpointLine;
import org.sekimori.gateway.audit.store.JournalSegment.Line;
import org.sekimori.gateway.audit.store.JournalSegment.RecordLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded store: an append-only journal of NDJSON segments in the data directory. A group of
 * records is one write and one {@code fdatasync}, so a record is on the disk before its response
 * leaves, at the cost of a single sync per group. A segment is closed at a size and a new one
 * begun; retention deletes whole segments.
 */
public final class JournalChainStore implements ChainStore {

    private final Path directory;
    private final String chain;
    private final JsonMapper json;
    private final long segmentBytes;
    private FileChannel current;
    private FileChannel lockFile;

    /** Opens the journal of {@code chain}, cutting off a write that a crash left unfinished. */
    public JournalChainStore(Path directory, String chain, JsonMapper json, long segmentBytes) throws SQLException {
        this.directory = directory;
        this.chain = chain;
        this.json = json;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(directory);
            List<JournalSegment> segments = Journal.segments(directory, chain);
            if (!segments.isEmpty()) {
                JournalSegment last = segments.get(segments.size() - 1);
                current = FileChannel.open(last.file(), StandardOpenOption.WRITE);
                current.truncate(last.completeLength());
                current.position(current.size());
            }
        } catch (IOException e) {
            throw failure("cannot be opened", e);
        }
    }

    /** A lock on the chain's lock file in the journal directory, held until this store is closed. */
    @Override
    public void claim(String chain) throws SQLException {
        try {
            lockFile = FileChannel.open(directory.resolve(chain + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (lockFile.tryLock() == null) {
                throw new SQLException("another gateway process writes chain '" + chain + "' in " + directory
                        + "; give each instance its own sekimori.audit.chain or data directory");
            }
        } catch (IOException | OverlappingFileLockException e) {
            throw failure("cannot be locked", e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public ChainHead head(String chain) throws SQLException {
        try {
            List<JournalSegment> segments = Journal.segments(directory, chain);
            long seq = 0;
            String hash = ChainHead.empty().hash();
            Optional<Checkpoint> checkpoint = Optional.empty();
            for (int i = segments.size() - 1; i >= 0 && checkpoint.isEmpty(); i--) {
                List<Line> lines = segments.get(i).read(json);
                for (int j = lines.size() - 1; j >= 0; j--) {
                    if (lines.get(j) instanceof RecordLine record && seq == 0) {
                        seq = record.entry().seq();
                        hash = record.entry().hash();
                    } else if (lines.get(j) instanceof CheckpointLine line && checkpoint.isEmpty()) {
                        checkpoint = Optional.of(line.checkpoint());
                    }
                }
            }
            return new ChainHead(seq, hash, checkpoint);
        } catch (IOException | RuntimeException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public void append(List<StoredEntry> entries, Optional<Checkpoint> checkpoint) throws SQLException {
        StringBuilder lines = new StringBuilder(entries.size() * 1024);
        for (StoredEntry stored : entries) {
            lines.append(ExportLines.of(stored.entry())).append('\n');
        }
        checkpoint.ifPresent(signed -> lines.append(ExportLines.of(signed)).append('\n'));
        long firstSeq = entries.isEmpty() ? checkpoint.map(Checkpoint::seq).orElse(0L) + 1 : entries.get(0).entry().seq();
        write(lines.toString().getBytes(StandardCharsets.UTF_8), firstSeq);
    }

    @Override
    public void probe(String chain, Instant now) throws SQLException {
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new SQLException("the journal directory " + directory + " is missing or not writable");
        }
        try {
            if (current != null) {
                current.force(false);
            }
        } catch (IOException e) {
            throw failure("cannot be synced", e);
        }
    }

    @Override
    public Optional<long[]> purgeable(String chain, Instant cutoff) throws SQLException {
        try {
            List<JournalSegment> segments = Journal.segments(directory, chain);
            long first = -1;
            long last = -1;
            // the newest segment is being written to, and always stays
            for (JournalSegment segment : segments.subList(0, Math.max(0, segments.size() - 1))) {
                List<RecordLine> records = records(segment);
                if (records.isEmpty()) {
                    continue;
                }
                if (!records.get(records.size() - 1).time().isBefore(cutoff)) {
                    break;
                }
                first = first < 0 ? records.get(0).entry().seq() : first;
                last = records.get(records.size() - 1).entry().seq();
            }
            return first < 0 ? Optional.empty() : Optional.of(new long[] {first, last});
        } catch (IOException | RuntimeException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public Optional<ChainEntry> entry(String chain, long seq) throws SQLException {
        try {
            for (JournalSegment segment : Journal.segments(directory, chain)) {
                for (RecordLine record : records(segment)) {
                    if (record.entry().seq() == seq) {
                        return Optional.of(record.entry());
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw failure("cannot be read", e);
        }
    }

    /** Appends the purge record first: a crash before the files go leaves records and their purge, never a gap. */
    @Override
    public int purge(String chain, long lastSeq, StoredEntry purgeRecord) throws SQLException {
        append(List.of(purgeRecord), Optional.empty());
        int deleted = 0;
        try {
            List<JournalSegment> segments = Journal.segments(directory, chain);
            for (int i = 0; i + 1 < segments.size() && segments.get(i + 1).firstSeq() - 1 <= lastSeq; i++) {
                deleted += records(segments.get(i)).size();
                Files.delete(segments.get(i).file());
            }
            syncDirectory();
            return deleted;
        } catch (IOException | RuntimeException e) {
            throw failure("could not delete purged segments", e);
        }
    }

    @Override
    public void close() {
        closeSegment();
        if (lockFile != null) {
            try {
                lockFile.close(); // releases the lock
            } catch (IOException ignored) {
                // the lock goes with the process at the latest
            }
            lockFile = null;
        }
    }

    private void closeSegment() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // nothing more to write through it
            }
            current = null;
        }
    }

    private void write(byte[] bytes, long firstSeq) throws SQLException {
        long before = -1;
        try {
            if (current == null || current.size() >= segmentBytes) {
                roll(firstSeq);
            }
            before = current.size();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            current.force(false);
        } catch (IOException | UncheckedIOException e) {
            cutBackTo(before);
            throw failure("could not be written", e);
        }
    }

    private void roll(long firstSeq) throws IOException {
        closeSegment();
        Path file = directory.resolve(JournalSegment.name(chain, firstSeq));
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        current.position(current.size());
        syncDirectory(); // the new file's name must survive a crash as surely as its lines
    }

    /** A write that failed half-way must not leave half a line for the next one to follow. */
    private void cutBackTo(long size) {
        if (current != null && size >= 0) {
            try {
                current.truncate(size);
            } catch (IOException ignored) {
                closeSegment(); // reopening cuts back to the last complete line
            }
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        }
    }

    private List<RecordLine> records(JournalSegment segment) throws IOException {
        return segment.read(json).stream().filter(RecordLine.class::isInstance).map(RecordLine.class::cast).toList();
    }

    private SQLException failure(String what, Exception cause) {
        return new SQLException("the audit journal " + directory + " " + what + ": " + cause.getClass().getSimpleName(),
                "58030", cause);
    }
}
