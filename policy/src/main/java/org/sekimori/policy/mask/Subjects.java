package org.sekimori.policy.mask;

import org.sekimori.policy.SubjectRegister;

/** When a record's subject must be known, and the error when it is not. */
final class Subjects {

    private Subjects() {
    }

    /**
     * True when a record cannot be decided without its subject: some item depends on consent, or
     * the register could have stopped the subject's use. Only a permit with neither (the empty
     * register and no consent-gated item) may return records that do not say whose they are; any
     * other must fail closed rather than guess.
     */
    static boolean required(Obligations obligations) {
        return obligations.needsConsent() || obligations.register() != SubjectRegister.EMPTY;
    }

    /** The error for a record whose subject key is missing, empty or null. */
    static UnmaskableBodyException unknown(String subjectKey, String how) {
        return new UnmaskableBodyException("item '" + subjectKey + "' (the subject key) " + how
                + "; use stops and consent cannot be checked");
    }
}
