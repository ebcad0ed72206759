package org.sekimori.gateway.directory;

import java.nio.file.Path;
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
import org.sekimori.gateway.changes.FileChangeTarget;
import org.sekimori.gateway.login.CredentialStore;
import org.sekimori.gateway.policy.CurrentPolicy;
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
 * force; new handlers get their initial passwords and removed ones lose their credentials; every
 * session of a handler whose entry changed or went is ended, since a session keeps the roles and
 * attributes of its login.
 */
public final class CurrentDirectory extends FileChangeTarget {

    private static final Logger log = LoggerFactory.getLogger(CurrentDirectory.class);

    private final Directory directory;
    private final CurrentPolicy policy;
    private final CredentialStore credentials;
    private final HandlerSessions sessions;
    private final Clock clock;

    public CurrentDirectory(Directory directory, Path file, CurrentPolicy policy, CredentialStore credentials,
            HandlerSessions sessions, Clock clock) {
        super(file);
        this.directory = directory;
        this.policy = policy;
        this.credentials = credentials;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "directory";
    }

    /** The directory {@code text} (a version once in force) holds. */
    public Directory parsed(String text) {
        return read(text, DirectoryFile::load);
    }

    @Override
    protected Runnable prepare(Path candidate) {
        Directory next = DirectoryFile.load(candidate);
        List<ConfigurationError> problems = problems(next);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return () -> {
            Set<String> changed = changed(directory.handlers(), next.handlers());
            directory.replace(next);
            changed.stream().filter(userId -> next.handler(userId).isEmpty()).forEach(credentials::forget);
            int added = credentials.seed(next.handlers(), clock.instant());
            for (String userId : changed) {
                sessions.endAll(userId, "directory-change").block();
            }
            log.info("A directory change is in force: {} handlers changed or removed, {} added", changed.size(),
                    added);
        };
    }

    /** What the policy and administration need of a directory, beyond reading without error. */
    private List<ConfigurationError> problems(Directory proposed) {
        List<ConfigurationError> errors = new ArrayList<>();
        for (Handler handler : proposed.handlers()) {
            for (String role : handler.roles()) {
                if (!policy.declaresRole(role)) {
                    errors.add(new ConfigurationError(file().toString(), 0, handler.userId(), "role '" + role
                            + "' is not declared in the policy in force"));
                }
            }
        }
        errors.addAll(AdministrationRoles.kept(policy.inForce().source().roles(), proposed.handlers(),
                file().toString()));
        errors.addAll(AdministrationRoles.separated(proposed.handlers(), List.of(), file().toString()));
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
