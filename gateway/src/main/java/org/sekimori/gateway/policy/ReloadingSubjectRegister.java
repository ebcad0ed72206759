package org.sekimori.gateway.policy;

import java.util.concurrent.atomic.AtomicReference;
import org.sekimori.policy.SubjectRegister;

/**
 * The subject register in force. Obligations keep a reference to this one object, so a reloaded
 * register takes effect for every decision, even those already compiled into the policy.
 */
final class ReloadingSubjectRegister implements SubjectRegister {

    private final AtomicReference<SubjectRegister> current;

    ReloadingSubjectRegister(SubjectRegister initial) {
        this.current = new AtomicReference<>(initial);
    }

    void replace(SubjectRegister register) {
        current.set(register);
    }

    @Override
    public boolean useStopped(String dataSystem, String subject) {
        return current.get().useStopped(dataSystem, subject);
    }

    @Override
    public boolean consented(String dataSystem, String subject, String purpose) {
        return current.get().consented(dataSystem, subject, purpose);
    }
}
