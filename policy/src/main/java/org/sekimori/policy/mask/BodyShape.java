package org.sekimori.policy.mask;

/** Where the records are in a response body, as a data system's route declares it. */
public enum BodyShape {
    /** The body is one JSON object: a record. */
    RECORD,
    /** The body is a JSON object whose {@code items} array holds the records; its other members pass as they are. */
    PAGE,
    /** The body is CSV with a header row; columns are items, or {@code item.member} for nested ones. */
    CSV,
    /** No records are expected in the body. */
    NONE
}
