package org.sekimori.policy;

/**
 * What a request does with personal data, in the words of the handling rules (seed 004 Art.7).
 * Taken from the route a request matches, never from anything the client says.
 */
public enum Action {
    /** Use: looking at records. */
    READ,
    /** Acquisition: creating records. */
    INPUT,
    /** Correcting records. */
    UPDATE,
    /** Erasing records. */
    DELETE,
    /** Output: records leave the data system in bulk, e.g. a CSV export. */
    EXPORT,
    /** Provision to a third party. */
    PROVIDE;

    /** True for actions that write records, whose written items the grant must show. */
    public boolean writes() {
        return this == INPUT || this == UPDATE;
    }
}
