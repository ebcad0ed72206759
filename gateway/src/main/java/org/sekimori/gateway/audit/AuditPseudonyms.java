package org.sekimori.gateway.audit;

import java.util.List;
import org.sekimori.keys.Pseudonyms;

/**
 * The pseudonyms that stand in records for what must not appear in them: subjects (per data system,
 * so an auditor recomputes one from the identifier and the data system), session ids, and the user
 * ID typed at a failed login (which might be a password typed in the wrong field). Made with the
 * audit trail's own key, so the pseudonyms of masked responses can never be joined to records.
 */
public final class AuditPseudonyms {

    private final Pseudonyms pseudonyms;

    public AuditPseudonyms(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public String subject(String dataSystem, String subject) {
        return pseudonyms.pseudonym("subject/" + dataSystem, subject);
    }

    /**
     * Every pseudonym the subject may carry in records: under the active key and each verify-only
     * key. Records whose pseudonym was made with a retired key are not among them.
     */
    public List<String> searchableSubject(String dataSystem, String subject) {
        return pseudonyms.searchable("subject/" + dataSystem, subject);
    }

    public String session(String sessionId) {
        return pseudonyms.pseudonym("session", sessionId);
    }

    public String typedUserId(String typed) {
        return pseudonyms.pseudonym("login", typed);
    }
}
