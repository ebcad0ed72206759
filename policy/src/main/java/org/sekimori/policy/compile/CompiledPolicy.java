package org.sekimori.policy.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Decision;
import org.sekimori.policy.Decision.Deny;
import org.sekimori.policy.Decision.Permit;
import org.sekimori.policy.ExceptionClaim;
import org.sekimori.policy.PolicyEngine;
import org.sekimori.policy.Reason;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.SubjectRegister;
import org.sekimori.policy.mask.Obligations;
import org.sekimori.policy.mask.Treatment;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.HandlerGrant;
import org.sekimori.policy.model.Policy;
import org.sekimori.policy.model.Purpose;
import org.sekimori.policy.model.Role;

/**
 * A policy in runnable form. Deny by default: a request is permitted only by a grant of one of the
 * handler's roles, or one the handler holds from an approved request, that allows its action, serves
 * its purpose (or an exception the role may invoke: a handler's own grant never stretches to one),
 * and whose conditions hold; any matching denial overrides every grant.
 */
public final class CompiledPolicy implements PolicyEngine {

    private static final String PURPOSE_CHECK = RuleIds.builtIn("purpose");
    private static final String EXCEPTION_CHECK = RuleIds.builtIn("exception");

    private final String version;
    private final Policy source;
    private final Map<String, SystemRules> systems;
    private final Map<String, Role> roles;
    private final SubjectRegister register;
    private final List<HandlerGrant> handlerGrants;

    CompiledPolicy(String version, Policy source, Map<String, SystemRules> systems, Map<String, Role> roles,
            SubjectRegister register, List<HandlerGrant> handlerGrants) {
        this.version = version;
        this.source = source;
        this.systems = Map.copyOf(systems);
        this.roles = Map.copyOf(roles);
        this.register = register;
        this.handlerGrants = handlerGrants;
    }

    /** The policy as written, which this was compiled from. */
    public Policy source() {
        return source;
    }

    /** The grants single handlers hold from approved requests, as compiled in. */
    public List<HandlerGrant> handlerGrants() {
        return handlerGrants;
    }

    /** Identifies the files this policy was compiled from, for logs and audit records. */
    public String version() {
        return version;
    }

    /** The time zone the policy reads times and dates in. */
    public java.time.ZoneId zone() {
        return source.zone();
    }

    /** Whether a handler holding these roles must log in with a second factor. */
    public boolean requiresMfa(java.util.Collection<String> handlerRoles) {
        return handlerRoles.stream().map(roles::get).anyMatch(role -> role != null && role.requiresMfa());
    }

    /** Whether the policy declares this role; an identity provider's other roles mean nothing here. */
    public boolean declaresRole(String role) {
        return roles.containsKey(role);
    }

    /**
     * The grants {@code role} holds on {@code dataSystem}, as written, in the order the policy lists
     * them; empty when it holds none or the data system is unknown. For reports such as the ledger:
     * what a grant permits is decided by {@link #decide}, which also weighs denials and conditions.
     */
    public List<Grant> grants(String dataSystem, String role) {
        SystemRules rules = systems.get(dataSystem);
        return rules == null ? List.of() : rules.grants(role).stream().map(compiled -> compiled.grant).toList();
    }

    @Override
    public Decision decide(AccessRequest request) {
        SystemRules rules = systems.get(request.dataSystem());
        if (rules == null) {
            return new Deny(RuleIds.builtIn("data-system"), Reason.UNKNOWN_DATA_SYSTEM, "", List.of());
        }
        Set<String> handlerRoles = request.handler().roles();
        Action action = request.action();
        if (request.purpose().isEmpty()) {
            return new Deny(PURPOSE_CHECK, Reason.PURPOSE_REQUIRED, "", grantedPurposes(rules, request, action));
        }
        String purposeId = request.purpose().get();
        Purpose purpose = rules.purposes().get(purposeId);
        if (purpose == null) {
            return new Deny(PURPOSE_CHECK, Reason.PURPOSE_NOT_REGISTERED, "",
                    rules.dataSystem().purposes().stream().map(Purpose::id).toList());
        }
        Optional<String> exception = Optional.empty();
        if (request.exception().isPresent()) {
            Decision refused = checkException(request.exception().get(), handlerRoles);
            if (refused != null) {
                return refused;
            }
            exception = Optional.of(request.exception().get().exception());
        }
        for (CompiledDenial denial : rules.denials()) {
            if (denial.forbids(request, handlerRoles, purposeId)) {
                return new Deny(denial.rule, Reason.DENIED_BY_RULE, "", List.of());
            }
        }
        if (request.subject().isPresent() && action != Action.DELETE
                && register.useStopped(request.dataSystem(), request.subject().get())) {
            // Erasure stays possible: a subject who stopped use may also ask for deletion (seed 004 Art.24).
            return new Deny(RuleIds.builtIn("use-stop"), Reason.USE_STOPPED, "", List.of());
        }
        return grant(request, rules, purpose, exception);
    }

    private Decision grant(AccessRequest request, SystemRules rules, Purpose purpose, Optional<String> exception) {
        CompiledGrant first = null;
        List<CompiledGrant> more = null;
        Reason failure = null;
        String failedRule = null;
        boolean anyForAction = false;
        boolean anyForPurpose = false;
        for (CompiledGrant grant : grantsOf(request, rules, exception)) {
            if (!grant.allows(request.action())) {
                continue;
            }
            anyForAction = true;
            if (exception.isEmpty() && !grant.serves(purpose.id())) {
                continue;
            }
            anyForPurpose = true;
            Reason check = grant.check(request);
            if (check != Reason.PERMITTED) {
                if (failure == null) {
                    failure = check;
                    failedRule = grant.rule;
                }
            } else if (first == null) {
                first = grant;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                }
                more.add(grant);
            }
        }
        if (!anyForAction) {
            return new Deny(RuleIds.builtIn("no-grant"), Reason.NO_GRANT, "", List.of());
        }
        if (!anyForPurpose) {
            return new Deny(PURPOSE_CHECK, Reason.PURPOSE_NOT_GRANTED, "",
                    grantedPurposes(rules, request, request.action()));
        }
        if (first == null) {
            return new Deny(failedRule, failure, "", List.of());
        }
        boolean consentGate = purpose.consentRequired() && exception.isEmpty();
        // Break-glass: an exception lifts a row scope for reading one named person's record, never for
        // lists, exports or writes.
        boolean liftScope = exception.isPresent() && request.action() == Action.READ && request.subject().isPresent();
        List<CompiledGrant> combined = ObligationsMerger.sameRecords(first, more);
        Obligations obligations = ObligationsMerger.merge(first, combined, purpose.id(), consentGate,
                request.handler(), liftScope);
        List<String> withheld = request.handler().mfa() ? List.of()
                : SensitiveItems.shown(obligations, rules.sensitiveItems());
        obligations = SensitiveItems.withheld(obligations, withheld);
        if (request.subject().isPresent()
                && !(obligations.treatment(obligations.subjectKey()) instanceof Treatment.Show)) {
            return new Deny(first.rule, Reason.SUBJECT_NOT_ADDRESSABLE, "", List.of());
        }
        // A filter is a question about each record's value: asked of an item the handler sees masked,
        // banded or not at all, it would reveal the value anyway.
        if (!request.itemsFiltered().isEmpty()) {
            Decision refused = checkFilters(request, obligations, first.rule);
            if (refused != null) {
                return refused;
            }
        }
        if (request.action().writes()) {
            Decision refused = checkWrite(request, rules, obligations, first.rule, exception.isPresent());
            if (refused != null) {
                return refused;
            }
        }
        return new Permit(first.rule, combined.stream().map(grant -> grant.rule).toList(), obligations, exception,
                withheld);
    }

    private Decision checkException(ExceptionClaim claim, Set<String> handlerRoles) {
        boolean registered = source.exceptions().stream().anyMatch(kind -> kind.id().equals(claim.exception()));
        if (!registered) {
            return new Deny(EXCEPTION_CHECK, Reason.EXCEPTION_NOT_REGISTERED, "",
                    source.exceptions().stream().map(kind -> kind.id()).toList());
        }
        List<String> mayInvoke = new ArrayList<>();
        for (String roleId : handlerRoles) {
            Role role = roles.get(roleId);
            if (role != null) {
                mayInvoke.addAll(role.exceptions());
            }
        }
        if (!mayInvoke.contains(claim.exception())) {
            return new Deny(EXCEPTION_CHECK, Reason.EXCEPTION_NOT_ALLOWED, "",
                    mayInvoke.stream().distinct().sorted().toList());
        }
        String justification = claim.justification().strip();
        int length = justification.codePointCount(0, justification.length());
        if (length < source.justificationMinLength()) {
            return new Deny(EXCEPTION_CHECK, Reason.JUSTIFICATION_REQUIRED, "Write at least "
                    + source.justificationMinLength() + " characters saying why this access is needed; "
                    + (length == 0 ? "none were given." : "only " + length + " were given."), List.of());
        }
        return null;
    }

    private static Decision checkFilters(AccessRequest request, Obligations obligations, String rule) {
        List<String> notGranted = request.itemsFiltered().stream()
                .filter(item -> !(obligations.treatment(item) instanceof Treatment.Show)
                        || obligations.consentGated().contains(item))
                .sorted().toList();
        return notGranted.isEmpty() ? null : new Deny(rule, Reason.FILTER_NOT_GRANTED, "Not shown in full: "
                + String.join(", ", notGranted) + ".", List.of());
    }

    private Decision checkWrite(AccessRequest request, SystemRules rules, Obligations obligations, String rule,
            boolean exceptionInvoked) {
        List<String> sensitiveWritten = request.itemsWritten().stream().filter(rules.sensitiveItems()::contains)
                .sorted().toList();
        if (!request.handler().mfa() && !sensitiveWritten.isEmpty()) {
            return new Deny(rule, Reason.MFA_REQUIRED, "Sensitive: " + String.join(", ", sensitiveWritten) + ".",
                    List.of());
        }
        List<String> notGranted = request.itemsWritten().stream()
                .filter(item -> !(obligations.treatment(item) instanceof Treatment.Show)).sorted().toList();
        if (!notGranted.isEmpty()) {
            return new Deny(rule, Reason.ITEMS_NOT_GRANTED, "Not covered: " + String.join(", ", notGranted) + ".",
                    List.of());
        }
        if (!sensitiveWritten.isEmpty() && !exceptionInvoked && !register.consented(request.dataSystem(),
                request.subject().orElse(null), request.purpose().orElseThrow())) {
            return new Deny(RuleIds.builtIn("consent"), Reason.CONSENT_REQUIRED, "", List.of());
        }
        return null;
    }

    private boolean mayInvoke(String roleId, String exception) {
        Role role = roles.get(roleId);
        return role != null && role.exceptions().contains(exception);
    }

    /**
     * The grants that may decide: those of the handler's roles, then the handler's own. Under an
     * exception only those of the roles that may invoke it; a handler's own grant was approved for
     * its purposes alone.
     */
    private List<CompiledGrant> grantsOf(AccessRequest request, SystemRules rules, Optional<String> exception) {
        List<CompiledGrant> own = exception.isEmpty() ? rules.handlerGrants(request.handler().userId()) : List.of();
        if (own.isEmpty() && exception.isEmpty() && request.handler().roles().size() == 1) {
            // The common case, asked on every request: nothing to gather.
            return rules.grants(request.handler().roles().iterator().next());
        }
        List<CompiledGrant> grants = new ArrayList<>();
        for (String role : request.handler().roles()) {
            if (exception.isEmpty() || mayInvoke(role, exception.get())) {
                grants.addAll(rules.grants(role));
            }
        }
        grants.addAll(own);
        return grants;
    }

    /** The purposes the handler's grants serve for this action, in the order the ledger registers them. */
    private List<String> grantedPurposes(SystemRules rules, AccessRequest request, Action action) {
        List<CompiledGrant> grants = grantsOf(request, rules, Optional.empty());
        List<String> granted = new ArrayList<>();
        for (Purpose registered : rules.dataSystem().purposes()) {
            String purpose = registered.id();
            if (grants.stream().anyMatch(g -> g.allows(action) && g.serves(purpose))) {
                granted.add(purpose);
            }
        }
        return granted;
    }
}
