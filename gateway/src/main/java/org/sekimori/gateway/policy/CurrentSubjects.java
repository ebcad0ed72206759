package org.sekimori.gateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import org.sekimori.gateway.changes.ChangeTarget;
import org.sekimori.gateway.changes.ProposedFile;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.SubjectRegisterFile;
import org.sekimori.policy.model.Ledger;

/**
 * The use stops and consents on record (the subjects file) as a file changed only with a second
 * administrator's approval: a proposed register must read against the ledger; applied, it replaces
 * the file atomically and the register the policy consults at once.
 */
public final class CurrentSubjects implements ChangeTarget {

    private final CurrentPolicy policy;
    private final Path file;
    private final Ledger ledger;
    private volatile Consumer<Written> inForce = written -> { };

    CurrentSubjects(CurrentPolicy policy, Path file, Ledger ledger) {
        this.policy = policy;
        this.file = file;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "subjects";
    }

    @Override
    public String fileName() {
        return file.getFileName().toString();
    }

    @Override
    public void whenInForce(Consumer<Written> listener) {
        inForce = inForce.andThen(listener);
    }

    /** The file as it is now: someone may have edited it since the last approved change. */
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
            SubjectRegisterFile.load(candidate, ledger);
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
            SubjectRegister next = SubjectRegisterFile.load(candidate, ledger);
            Files.move(candidate, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            policy.replaceSubjects(next);
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
}
