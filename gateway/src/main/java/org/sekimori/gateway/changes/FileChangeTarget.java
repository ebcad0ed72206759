package org.sekimori.gateway.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import org.sekimori.gateway.policy.PolicyVersion;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;

/**
 * A configuration file whose text in force is the file as it is now (someone may edit it between
 * approved changes): a proposal is read beside it and checked, and an approved one, if the file is
 * still the version it was proposed against, moved onto it atomically and then put in force.
 */
public abstract class FileChangeTarget implements ChangeTarget {

    private final Path file;
    private volatile Consumer<Written> inForce = written -> { };

    protected FileChangeTarget(Path file) {
        this.file = file;
    }

    /**
     * Reads the proposed file {@code candidate}; throws {@link ConfigurationException} with every
     * error; else returns what puts it in force once it has replaced the file.
     */
    protected abstract Runnable prepare(Path candidate);

    @Override
    public String fileName() {
        return file.getFileName().toString();
    }

    @Override
    public void whenInForce(Consumer<Written> listener) {
        inForce = inForce.andThen(listener);
    }

    @Override
    public synchronized Written written() {
        try {
            String text = Files.readString(file);
            return new Written(PolicyVersion.of(text), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ConfigurationError> check(String proposed) {
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(file, proposed);
            prepare(candidate);
            return List.of();
        } catch (ConfigurationException e) {
            return ProposedFile.renamed(e.errors(), candidate, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    @Override
    public synchronized String apply(String proposed, String base) {
        String current = written().version();
        if (!current.equals(base)) {
            throw new StaleException(current);
        }
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(file, proposed);
            Runnable putInForce = prepare(candidate);
            Files.move(candidate, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            putInForce.run();
            inForce.accept(written());
            return PolicyVersion.of(proposed);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ProposedFile.renamed(e.errors(), candidate, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    /** {@code text} read as this file would be, beside it. */
    protected <T> T read(String text, java.util.function.Function<Path, T> reader) {
        return ProposedFile.read(file, text, reader);
    }

    protected Path file() {
        return file;
    }
}
