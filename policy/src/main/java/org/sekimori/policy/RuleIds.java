package org.sekimori.policy;

/**
 * Builds the rule ids decisions carry, in one place: {@code grant/<id>} and {@code denial/<id>}
 * for rules an operator wrote, {@code request/<id>} for a handler's grant from an approved grant
 * request, {@code default/<what>} for the checks every request goes through.
 */
public final class RuleIds {

    private RuleIds() {
    }

    public static String grant(String id) {
        return "grant/" + id;
    }

    /** The rule a grant is named by: a role's as written, a handler's by the request it comes from. */
    public static String of(org.sekimori.policy.model.Grant grant) {
        return grant.role().isEmpty() ? request(grant.id()) : grant(grant.id());
    }

    public static String request(String id) {
        return "request/" + id;
    }

    public static String denial(String id) {
        return "denial/" + id;
    }

    /** A check built into the engine, named for what it checks: {@code default/purpose}, {@code default/no-grant}. */
    public static String builtIn(String check) {
        return "default/" + check;
    }
}
