package org.sekimori.policy;

/**
 * Why a decision came out as it did, as a category a client may see. The message tells the handler
 * what would make the request acceptable without revealing the rules themselves.
 */
public enum Reason {
    PERMITTED("permitted", "The request is permitted."),
    UNKNOWN_DATA_SYSTEM("unknown-data-system", "No data system of that name is registered."),
    PURPOSE_REQUIRED("purpose-required",
            "State the purpose of use for this request in the Sekimori-Purpose header."),
    PURPOSE_NOT_REGISTERED("purpose-not-registered",
            "That purpose is not registered for this data system; use one of its registered purposes."),
    PURPOSE_NOT_GRANTED("purpose-not-granted",
            "Your access rights do not cover this purpose of use here."),
    NO_GRANT("no-grant", "Your access rights do not allow this action on this data system."),
    DENIED_BY_RULE("denied-by-rule", "This action is prohibited on this data system."),
    OUTSIDE_TIME_WINDOW("outside-time-window", "Your access rights do not cover this time of day or date."),
    NETWORK_NOT_ALLOWED("network-not-allowed", "Your access rights do not cover the network you are on."),
    MFA_REQUIRED("mfa-required", "This access needs a login with a second factor (MFA)."),
    GRANT_EXPIRED("grant-expired", "Your access rights for this have expired; request them again."),
    EXCEPTION_NOT_REGISTERED("exception-not-registered",
            "That exception is not registered; use one of the registered exceptions."),
    EXCEPTION_NOT_ALLOWED("exception-not-allowed", "Your role may not invoke that exception."),
    JUSTIFICATION_REQUIRED("justification-required",
            "Invoking an exception needs a written justification in the Sekimori-Justification header."),
    USE_STOPPED("use-stopped", "Use of this person's data has been stopped at their request."),
    CONSENT_REQUIRED("consent-required",
            "This use of sensitive personal information needs the person's consent on record, or an exception."),
    ITEMS_NOT_GRANTED("items-not-granted", "The request writes data items that your access rights do not cover."),
    FILTER_NOT_GRANTED("filter-not-granted", "The request filters on data items your access rights do not show "
            + "as they are; filter only on items you see in full."),
    SUBJECT_NOT_ADDRESSABLE("subject-not-addressable", "Your access rights show these records without the "
            + "identifier of the person, so you cannot ask for one person's record by it; use lists or exports.");

    private final String code;
    private final String message;

    Reason(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable name clients, audit records and policy tests use. */
    public String code() {
        return code;
    }

    /** What the handler is told. */
    public String message() {
        return message;
    }
}
