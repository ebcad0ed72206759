package org.sekimori.gateway.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sekimori.gateway.changes.AdministrationRoles;
import org.sekimori.gateway.changes.ChangeTarget;
import org.sekimori.gateway.changes.ProposedFile;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.policy.CurrentPolicy;
import org.sekimori.gateway.policy.PolicyVersion;
import org.sekimori.gateway.session.HandlerSessions;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.DirectoryFile;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of handlers as a file changed only with a second administrator's approval: a
 * proposed directory must read without error, give only roles the policy declares, and keep an
 * active administrator and auditor. Applied, it replaces the file atomically and the directory in
 * force; new handlers get their initial passwords; every session of a handler whose entry changed
 * or went is ended, since a session keeps the roles and attributes of its login.
 */
public final class CurrentDirectory implements ChangeTarget {

    private static final Logger log = LoggerFactory.getLogger(CurrentDirectory.class);

    private final Directory directory;
    private final Path file;
    private final CurrentPolicy policy;
    private final CredentialStore credentials;
    private final HandlerSessions sessions;
    private final Clock clock;
    private volatile java.util.function.Consumer<Written> inForce = written -> { };

    public CurrentDirectory(Directory directory, Path file, CurrentPolicy policy, CredentialStore credentials,
            HandlerSessions sessions, Clock clock) {
        this.directory = directory;
        this.file = file;
        this.policy = policy;
        this.credentials = credentials;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public void whenInForce(java.util.function.Consumer<Written> listener) {
        inForce = inForce.andThen(listener);
    }

    @Override
    public String fileName() {
        return file.getFileName().toString();
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

    /** The directory {@code text} (a version once in force) holds. */
    public Directory parsed(String text) {
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(file, text);
            return DirectoryFile.load(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    @Override
    public List<ConfigurationError> check(String proposed) {
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(file, proposed);
            return ProposedFile.renamed(problems(DirectoryFile.load(candidate)), candidate, file);
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
            Directory next = DirectoryFile.load(candidate);
            List<ConfigurationError> problems = problems(next);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Set<String> changed = changed(directory.handlers(), next.handlers());
            Files.move(candidate, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            directory.replace(next);
            inForce.accept(written());
            int added = credentials.seed(next.handlers(), clock.instant());
            for (String userId : changed) {
                sessions.endAll(userId, "directory-change").block();
            }
            log.info("Directory {} in force after an approved change: {} handlers changed or removed, {} added",
                    PolicyVersion.of(proposed), changed.size(), added);
            return PolicyVersion.of(proposed);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ProposedFile.renamed(e.errors(), candidate, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    /** What the policy and administration need of a directory, beyond reading without error. */
    private List<ConfigurationError> problems(Directory proposed) {
        List<ConfigurationError> errors = new ArrayList<>();
        for (Handler handler : proposed.handlers()) {
            for (String role : handler.roles()) {
                if (!policy.declaresRole(role)) {
                    errors.add(new ConfigurationError(file.toString(), 0, handler.userId(), "role '" + role
                            + "' is not declared in the policy in force"));
                }
            }
        }
        errors.addAll(AdministrationRoles.kept(policy.inForce().source().roles(), proposed.handlers(),
                file.toString()));
        errors.addAll(AdministrationRoles.separated(proposed.handlers(), List.of(), file.toString()));
        return errors;
    }

    /** The user IDs whose entry differs between the two directories or is in the first only. */
    private static Set<String> changed(List<Handler> before, List<Handler> after) {
        Map<String, Handler> next = after.stream().collect(Collectors.toMap(Handler::userId, Function.identity()));
        Set<String> changed = new TreeSet<>();
        for (Handler handler : before) {
            if (!Objects.equals(next.get(handler.userId()), handler)) {
                changed.add(handler.userId());
            }
        }
        return changed;
    }
}
