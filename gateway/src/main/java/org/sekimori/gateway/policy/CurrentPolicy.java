package org.sekimori.gateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sekimori.gateway.changes.AdministrationRoles;
import org.sekimori.gateway.changes.ChangeTarget;
import org.sekimori.gateway.changes.ProposedFile;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Decision;
import org.sekimori.policy.PolicyEngine;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.compile.PolicyCompiler;
import org.sekimori.policy.load.ConfigurationError;
import org.sekimori.policy.load.ConfigurationException;
import org.sekimori.policy.load.PolicyFile;
import org.sekimori.policy.load.SubjectRegisterFile;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.Ledger;
import org.sekimori.policy.model.Role;

/**
 * The access policy in force, and the subject register it consults. A reload compiles the files
 * anew and swaps the result in atomically; a policy with any error never replaces a valid one, so
 * a typo in production leaves the last good policy deciding. The grants single handlers hold from
 * approved requests are compiled in beside the file's, and kept across reloads.
 */
public final class CurrentPolicy implements PolicyEngine, ChangeTarget {


    private static final Log log = LogFactory.getLog(CurrentPolicy.class);

    private final Ledger ledger;
    private final Directory directory;
    private final Path directoryFile;
    private final Path policyFile;
    private final Path subjectsFile;
    private final ReloadingSubjectRegister register;
    private final AtomicReference<CompiledPolicy> policy = new AtomicReference<>();
    private List<HandlerGrant> handlerGrants = List.of();
    private String text;
    private volatile java.util.function.Consumer<Written> inForce = written -> { };

    /** Loads both files; throws {@link ConfigurationException} with every error when either is invalid. */
    public CurrentPolicy(Ledger ledger, Directory directory, Path directoryFile, Path policyFile, Path subjectsFile) {
        this.ledger = ledger;
        this.directory = directory;
        this.directoryFile = directoryFile;
        this.policyFile = policyFile;
        this.subjectsFile = subjectsFile;
        this.register = new ReloadingSubjectRegister(SubjectRegisterFile.load(subjectsFile, ledger));
        policy.set(compile());
        log.info("Access policy " + version() + " in force (" + policyFile + ", " + subjectsFile + ")");
    }

    @Override
    public Decision decide(AccessRequest request) {
        return policy.get().decide(request);
    }

    /** Whether a handler holding these roles must log in with a second factor, under the policy in force. */
    public boolean requiresMfa(java.util.Collection<String> roles) {
        return policy.get().requiresMfa(roles);
    }

    /** Whether the policy in force declares this role. */
    public boolean declaresRole(String role) {
        return policy.get().declaresRole(role);
    }

    /** The organisation's time zone, which dates such as a contractor's last day are read in. */
    public java.time.ZoneId zone() {
        return policy.get().zone();
    }

    public String version() {
        return policy.get().version();
    }

    /** The compiled policy in force now: one consistent snapshot, whatever reloads happen while it is read. */
    public CompiledPolicy inForce() {
        return policy.get();
    }

    /**
     * Puts these grants of single handlers in force in place of those before, with the policy as
     * last loaded from its file.
     */
    public synchronized void holdHandlerGrants(List<HandlerGrant> grants) {
        handlerGrants = List.copyOf(grants);
        CompiledPolicy inForce = policy.get();
        policy.set(PolicyCompiler.compile(inForce.source(), ledger, register, inForce.version(), handlerGrants));
    }

    /** Recompiles the policy from its file; on any error keeps the one in force and logs every error. */
    synchronized void reloadPolicy() {
        try {
            CompiledPolicy next = compile();
            policy.set(next);
            log.info("Access policy " + next.version() + " in force after a change to " + policyFile);
            inForce.accept(written());
        } catch (ConfigurationException e) {
            log.error("Access policy change refused; " + version() + " stays in force. " + e.getMessage());
        }
    }

    /**
     * Every error the policy and the subject register in force would have against {@code next}
     * (a proposed ledger): a grant naming an item or purpose it no longer has, a consent to a
     * purpose it no longer registers.
     */
    List<ConfigurationError> checkAgainst(Ledger next) {
        List<ConfigurationError> errors = new ArrayList<>();
        try {
            PolicyCompiler.compile(PolicyFile.load(policyFile, next), next, register, "proposed", List.of());
        } catch (ConfigurationException e) {
            errors.addAll(e.errors());
        }
        try {
            SubjectRegisterFile.load(subjectsFile, next);
        } catch (ConfigurationException e) {
            errors.addAll(e.errors());
        }
        return errors;
    }

    /** After the ledger's entries were replaced: the policy and register compiled against them. */
    synchronized void ledgerReplaced() {
        reloadPolicy();
        reloadSubjects();
    }

    /** Puts these use stops and consents in force in place of those before. */
    void replaceSubjects(SubjectRegister subjects) {
        register.replace(subjects);
    }

    /** Reloads use stops and consents; on any error keeps the register in force. */
    void reloadSubjects() {
        try {
            register.replace(SubjectRegisterFile.load(subjectsFile, ledger));
            log.info("Use stops and consents reloaded from " + subjectsFile);
        } catch (ConfigurationException e) {
            log.error("Change to " + subjectsFile + " refused; the previous use stops and consents stay in force. "
                    + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public void whenInForce(java.util.function.Consumer<Written> listener) {
        inForce = inForce.andThen(listener);
    }

    @Override
    public String fileName() {
        return policyFile.getFileName().toString();
    }

    /** The policy in force as written: its version and the policy file's text it was compiled from. */
    @Override
    public synchronized Written written() {
        return new Written(version(), text);
    }

    /**
     * Every error a proposed policy text has, none if it could replace the one in force: it must
     * compile, declare every role the directory gives, and keep the roles administration and audit
     * rest on ({@link AdministrationRoles}) declared and held by an active handler.
     */
    @Override
    public List<ConfigurationError> check(String proposed) {
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(policyFile, proposed);
            var source = PolicyFile.load(candidate, ledger);
            List<ConfigurationError> errors = new ArrayList<>(undeclaredRoles(source.roles()));
            errors.addAll(AdministrationRoles.kept(source.roles(), directory.handlers(), policyFile.toString()));
            errors.addAll(AdministrationRoles.separated(List.of(), source.grants(), policyFile.toString()));
            if (!source.holidays().equals(inForce().source().holidays())) {
                errors.add(new ConfigurationError(policyFile.toString(), 0, "holidays", "must stay the calendar in "
                        + "force: a change of calendar is a change of its file, not of the policy"));
            }
            if (errors.isEmpty()) {
                PolicyCompiler.compile(source, ledger, register, "proposed", handlerGrants);
            }
            return ProposedFile.renamed(errors, candidate, policyFile);
        } catch (ConfigurationException e) {
            return ProposedFile.renamed(e.errors(), candidate, policyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    /**
     * A policy compiled from {@code text} (a version once in force) with {@code grants}, against the
     * ledger and subject register in force now: to reconstruct what held at a past moment.
     */
    public CompiledPolicy compiled(String text, List<HandlerGrant> grants) {
        return ProposedFile.read(policyFile, text, candidate -> PolicyCompiler.compile(
                PolicyFile.load(candidate, ledger), ledger, register, PolicyVersion.of(text), grants));
    }

    /**
     * Puts {@code proposed} in force in place of {@code base}: written beside the policy file and
     * moved onto it atomically, so the file is always one whole version. Refused when the policy in
     * force is no longer {@code base} (someone changed it since the proposal) or the text has errors.
     *
     * @return the version now in force
     */
    @Override
    public synchronized String apply(String proposed, String base) {
        if (!version().equals(base)) {
            throw new StaleException(version());
        }
        Path candidate = null;
        try {
            candidate = ProposedFile.beside(policyFile, proposed);
            CompiledPolicy next = compile(candidate);
            Files.move(candidate, policyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            policy.set(next);
            text = proposed;
            log.info("Access policy " + next.version() + " in force after an approved change to " + policyFile);
            inForce.accept(written());
            return next.version();
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ProposedFile.renamed(e.errors(), candidate, policyFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ProposedFile.delete(candidate);
        }
    }

    private CompiledPolicy compile() {
        return compile(policyFile);
    }

    private CompiledPolicy compile(Path file) {
        String read;
        try {
            read = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var source = PolicyFile.load(file, ledger);
        List<ConfigurationError> undeclared = undeclaredRoles(source.roles());
        if (!undeclared.isEmpty()) {
            throw new ConfigurationException(undeclared);
        }
        CompiledPolicy compiled = PolicyCompiler.compile(source, ledger, register, PolicyVersion.of(file),
                handlerGrants);
        text = read;
        return compiled;
    }


    /** A role the policy does not declare would leave its holders silently denied; say so instead. */
    private List<ConfigurationError> undeclaredRoles(List<Role> roles) {
        Set<String> declared = new TreeSet<>();
        roles.forEach(role -> declared.add(role.id()));
        List<ConfigurationError> errors = new ArrayList<>();
        for (Handler handler : directory.handlers()) {
            for (String role : handler.roles()) {
                if (!declared.contains(role)) {
                    errors.add(new ConfigurationError(directoryFile.toString(), 0, handler.userId(), "role '" + role
                            + "' is not declared in " + policyFile + "; declared: " + String.join(", ", declared)));
                }
            }
        }
        return errors;
    }
}
