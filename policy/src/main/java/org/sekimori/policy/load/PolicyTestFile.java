package org.sekimori.policy.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sekimori.policy.AccessRequest;
import org.sekimori.policy.Action;
import org.sekimori.policy.Effect;
import org.sekimori.policy.ExceptionClaim;
import org.sekimori.policy.Principal;
import org.sekimori.policy.testing.Expectation;
import org.sekimori.policy.testing.PolicyTestCase;
import org.sekimori.policy.testing.PolicyTestSuite;

/**
 * Loads a file of policy test cases: named principals, defaults for time and client address, and
 * cases each with a request and the decision expected. The ledger, policy and subject register it
 * tests are named at the top, relative to the file.
 */
public final class PolicyTestFile {

    private static final Set<String> TOP = Set.of("ledger", "policy", "subjects", "principals", "defaults", "cases");
    private static final Set<String> PRINCIPAL = Set.of("id", "userId", "roles", "mfa", "attributes");
    private static final Set<String> DEFAULTS = Set.of("time", "client");
    private static final Set<String> CASE = Set.of("name", "principal", "request", "expect");
    private static final Set<String> REQUEST = Set.of("dataSystem", "action", "purpose", "subject", "exception",
            "justification", "itemsWritten", "itemsFiltered", "time", "client");
    private static final Set<String> EXPECT = Set.of("effect", "reason", "rule", "exception", "items",
            "consentGated", "allowed");
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Instant NO_TIME = Instant.EPOCH;

    private PolicyTestFile() {
    }

    public static PolicyTestSuite load(Path file) {
        Problems problems = new Problems(file.toString());
        Optional<YamlMapping> read = YamlDocument.read(file, problems, TOP);
        if (read.isEmpty()) {
            problems.throwIfAny();
        }
        YamlMapping top = read.orElseThrow();
        Path ledger = file.resolveSibling(top.requiredText("ledger"));
        Path policy = file.resolveSibling(top.requiredText("policy"));
        Optional<Path> subjects = top.optionalText("subjects").map(file::resolveSibling);
        Map<String, Principal> principals = principals(top, problems);
        Optional<YamlMapping> defaults = top.optionalMapping("defaults", DEFAULTS);
        Instant time = defaults.flatMap(d -> d.optionalText("time").map(t -> time(d, "time", t))).orElse(NO_TIME);
        InetAddress client = defaults.flatMap(d -> d.optionalText("client").map(c -> address(d, "client", c)))
                .orElse(InetAddress.getLoopbackAddress());
        List<PolicyTestCase> cases = new ArrayList<>();
        FirstSeen names = new FirstSeen();
        for (YamlMapping entry : top.mappings("cases", true, CASE)) {
            String name = entry.requiredText("name");
            names.check(entry, "name", name, "a case named '%s' is already at line %d");
            String principalId = entry.requiredText("principal");
            Principal principal = principals.get(principalId);
            if (principal == null && !principalId.isEmpty()) {
                entry.report("principal", "no principal '" + principalId + "' under principals; defined: "
                        + PolicyFile.listed(principals.keySet()));
            }
            YamlMapping request = entry.optionalMapping("request", REQUEST).orElseGet(() -> {
                entry.report("request", "is required");
                return null;
            });
            YamlMapping expect = entry.optionalMapping("expect", EXPECT).orElseGet(() -> {
                entry.report("expect", "is required");
                return null;
            });
            if (principal != null && request != null && expect != null) {
                AccessRequest accessRequest = request(request, principal, time, client);
                if (accessRequest.time().equals(NO_TIME)) {
                    request.report("time", "is required here or under defaults");
                }
                cases.add(new PolicyTestCase(name, entry.line("name"), accessRequest, expectation(expect)));
            }
        }
        problems.throwIfAny();
        return new PolicyTestSuite(file, ledger, policy, subjects, cases);
    }

    private static Map<String, Principal> principals(YamlMapping top, Problems problems) {
        Map<String, Principal> principals = new HashMap<>();
        FirstSeen ids = new FirstSeen();
        for (YamlMapping entry : top.mappings("principals", true, PRINCIPAL)) {
            String id = entry.requiredText("id");
            ids.check(entry, "id", id, "principal '%s' is already defined at line %d");
            Map<String, Set<String>> attributes = new HashMap<>();
            entry.textLists("attributes", true).forEach((name, values) -> attributes.put(name, Set.copyOf(values)));
            principals.put(id, new Principal(entry.optionalText("userId").orElse(id), texts(entry, "roles", true),
                    entry.optionalFlag("mfa").orElse(false), attributes));
        }
        return principals;
    }

    private static AccessRequest request(YamlMapping request, Principal principal, Instant time, InetAddress client) {
        Optional<ExceptionClaim> exception = request.optionalText("exception")
                .map(kind -> new ExceptionClaim(kind, request.optionalText("justification").orElse("")));
        if (exception.isEmpty() && request.has("justification")) {
            request.report("justification", "is given without an exception");
        }
        return new AccessRequest(principal,
                request.requiredText("dataSystem"),
                request.optionalConstant("action", Action.class).orElseGet(() -> {
                    if (!request.has("action")) {
                        request.report("action", "is required: " + Constants.list(Action.class));
                    }
                    return Action.READ;
                }),
                request.optionalText("purpose"),
                exception,
                request.optionalText("subject"),
                texts(request, "itemsWritten", false),
                texts(request, "itemsFiltered", false),
                request.optionalText("client").map(c -> address(request, "client", c)).orElse(client),
                request.optionalText("time").map(t -> time(request, "time", t)).orElse(time));
    }

    private static Expectation expectation(YamlMapping expect) {
        Effect effect = expect.optionalConstant("effect", Effect.class).orElseGet(() -> {
            if (!expect.has("effect")) {
                expect.report("effect", "is required: permit or deny");
            }
            return Effect.DENY;
        });
        Map<String, String> items = new HashMap<>();
        for (YamlMapping.Entry item : expect.textEntries("items", false)) {
            items.put(item.name(), item.value());
        }
        return new Expectation(effect,
                expect.optionalText("reason"),
                expect.optionalText("rule"),
                expect.optionalFlag("exception"),
                items,
                expect.has("consentGated") ? Optional.of(texts(expect, "consentGated", false)) : Optional.empty(),
                expect.has("allowed") ? Optional.of(expect.texts("allowed", false).stream()
                        .map(YamlMapping.Item::value).toList()) : Optional.empty());
    }

    private static Set<String> texts(YamlMapping entry, String key, boolean required) {
        Set<String> texts = new LinkedHashSet<>();
        entry.texts(key, required).forEach(text -> texts.add(text.value()));
        return texts;
    }

    private static Instant time(YamlMapping entry, String key, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            entry.report(key, "must be a date and time with its offset, like 2026-11-24T10:00:00+09:00, not '"
                    + text + "'");
            return NO_TIME;
        }
    }

    private static InetAddress address(YamlMapping entry, String key, String text) {
        if (ADDRESS.matcher(text).matches()) {
            try {
                return InetAddress.getByName(text); // a literal address: no lookup happens
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        entry.report(key, "must be an IP address like 10.20.30.40, not '" + text + "'");
        return InetAddress.getLoopbackAddress();
    }
}
