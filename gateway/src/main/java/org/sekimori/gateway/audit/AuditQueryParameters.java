package org.sekimori.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sekimori.gateway.audit.store.AuditQuery;
import org.sekimori.gateway.audit.store.AuditQuery.Cursor;
import org.springframework.util.MultiValueMap;

/**
 * Reads an auditor's search from query parameters, listing every mistake at once. A subject is
 * given by its identifier and data system and turned into its pseudonym here: the identifier is
 * never stored, not even in the record of the search.
 */
final class AuditQueryParameters {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> NAMES = new TreeSet<>(List.of("from", "to", "handler", "dataSystem", "action",
            "purpose", "decision", "exception", "event", "subject", "after", "limit"));
    private static final Set<String> DECISIONS = Set.of("permit", "deny");
    private static final Set<String> EVENTS = Set.of("access", "login", "logout", "purge", "key");

    /** The query, and what to record about it: the criteria used, a subject only as its pseudonym. */
    record Parsed(AuditQuery query, Map<String, String> recorded) {
    }

    static final class Invalid extends Exception {
        Invalid(List<String> problems) {
            super(String.join(" ", problems), null, false, false);
        }
    }

    private AuditQueryParameters() {
    }

    static Parsed parse(MultiValueMap<String, String> parameters, AuditPseudonyms pseudonyms) throws Invalid {
        List<String> problems = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!NAMES.contains(name)) {
                problems.add("Unknown parameter '" + printable(name) + "'; searches take " + String.join(", ", NAMES) + ".");
            } else if (parameters.get(name).size() > 1) {
                problems.add("Give '" + name + "' once.");
            }
        }
        Map<String, String> recorded = new TreeMap<>();
        Optional<String> dataSystem = text(parameters, "dataSystem", recorded);
        Optional<String> subject = Optional.ofNullable(parameters.getFirst("subject"));
        if (subject.isPresent() && dataSystem.isEmpty()) {
            problems.add("A subject is searched for within a data system: give dataSystem too.");
        }
        List<String> searched = subject.flatMap(id -> dataSystem.map(system -> pseudonyms.searchableSubject(system,
                id))).orElse(List.of());
        if (!searched.isEmpty()) {
            recorded.put("subject", String.join(" ", searched));
        }
        Optional<String> decision = text(parameters, "decision", recorded);
        if (decision.isPresent() && !DECISIONS.contains(decision.get())) {
            problems.add("decision is permit or deny.");
        }
        Optional<String> event = text(parameters, "event", recorded);
        if (event.isPresent() && !EVENTS.contains(event.get())) {
            problems.add("event is one of " + String.join(", ", new TreeSet<>(EVENTS)) + ".");
        }
        Optional<String> exception = text(parameters, "exception", recorded);
        if (exception.isPresent() && !exception.get().equals("true") && !exception.get().equals("false")) {
            problems.add("exception is true or false.");
        }
        int limit = DEFAULT_LIMIT;
        Optional<String> limitText = text(parameters, "limit", recorded);
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                problems.add("limit is a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        Optional<Instant> from = instant(parameters, "from", recorded, problems);
        Optional<Instant> to = instant(parameters, "to", recorded, problems);
        Optional<Cursor> after = cursor(parameters.getFirst("after"), problems);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        AuditQuery query = new AuditQuery(from, to, text(parameters, "handler", recorded), dataSystem,
                text(parameters, "action", recorded), text(parameters, "purpose", recorded), decision,
                exception.map(Boolean::valueOf), event, searched, after, limit);
        return new Parsed(query, recorded);
    }

    /** The opaque cursor handed out with a page: Base64url of {@code time|chain|seq}. */
    static String cursor(Cursor cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (cursor.time() + "|" + cursor.chain() + "|" + cursor.seq()).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Cursor> cursor(String text, List<String> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 3);
            return Optional.of(new Cursor(Instant.parse(parts[0]), parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            problems.add("after is the 'next' cursor of a previous page, unchanged.");
            return Optional.empty();
        }
    }

    private static Optional<String> text(MultiValueMap<String, String> parameters, String name,
            Map<String, String> recorded) {
        Optional<String> value = Optional.ofNullable(parameters.getFirst(name));
        value.ifPresent(text -> recorded.put(name, text));
        return value;
    }

    private static Optional<Instant> instant(MultiValueMap<String, String> parameters, String name,
            Map<String, String> recorded, List<String> problems) {
        Optional<String> text = text(parameters, name, recorded);
        try {
            return text.map(Instant::parse);
        } catch (DateTimeParseException e) {
            problems.add(name + " is an instant in UTC such as 2026-04-01T00:00:00Z.");
            return Optional.empty();
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^\\p{Alnum}._-]", "?");
    }
}
