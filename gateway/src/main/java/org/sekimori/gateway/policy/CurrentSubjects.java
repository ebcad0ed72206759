package org.sekimori.gateway.policy;

import java.nio.file.Path;
import org.sekimori.gateway.changes.FileChangeTarget;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.load.SubjectRegisterFile;
import org.sekimori.policy.model.Ledger;

/**
 * The use stops and consents on record (the subjects file) as a file changed only with a second
 * administrator's approval: a proposed register must read against the ledger; applied, it replaces
 * the file atomically and the register the policy consults at once.
 */
public final class CurrentSubjects extends FileChangeTarget {

    private final CurrentPolicy policy;
    private final Ledger ledger;

    CurrentSubjects(CurrentPolicy policy, Path file, Ledger ledger) {
        super(file);
        this.policy = policy;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "subjects";
    }

    @Override
    protected Runnable prepare(Path candidate) {
        SubjectRegister next = SubjectRegisterFile.load(candidate, ledger);
        return () -> policy.replaceSubjects(next);
    }
}
