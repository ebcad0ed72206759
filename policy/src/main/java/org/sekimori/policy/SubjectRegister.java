package org.sekimori.policy;

/**
 * What is on record about each subject (the person a record is about): whether their data's use
 * is stopped (R25) and which purposes they consented to (R11). Identifiers are those of the data
 * system's subject key.
 */
public interface SubjectRegister {

    /** A register with no use stops and no consents. */
    SubjectRegister EMPTY = new SubjectRegister() {
        @Override
        public boolean useStopped(String dataSystem, String subject) {
            return false;
        }

        @Override
        public boolean consented(String dataSystem, String subject, String purpose) {
            return false;
        }
    };

    /** True when the subject asked for their data's use to be stopped: withheld everywhere, never written. */
    boolean useStopped(String dataSystem, String subject);

    /**
     * True when consent to {@code purpose} is on record for the subject. {@code subject} is null for
     * a record not yet created, which only a consent given by every subject of the data system covers.
     */
    boolean consented(String dataSystem, String subject, String purpose);
}
