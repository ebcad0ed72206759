package org.sekimori.gateway.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.reviews.ExceptionReview;
import tools.jackson.databind.JsonNode;

/**
 * Sums up access records for a report: logins, use per data system, purpose and action, denials
 * by reason, exceptions invoked (each listed with its review), deletions, exports and provisions
 * with how they were protected, and changes to grant requests. Counts requests that were answered;
 * the record a write gets as it is forwarded is the same request, so it is not counted again.
 */
final class RecordTally {

    private long records;
    private final Rows logins = new Rows("outcome");
    private final Rows use = new Rows("dataSystem", "purpose", "action");
    private final Rows denials = new Rows("dataSystem", "reason");
    private final Rows deletions = new Rows("dataSystem", "purpose");
    private final Rows transfers = new Rows("dataSystem", "action", "purpose", "recipient");
    private final Rows grantChanges = new Rows("kind");
    private final List<Map<String, Object>> exceptions = new ArrayList<>();
    private String lastLogin = "";
    private String lastAccess = "";

    void add(String chain, long seq, JsonNode record) {
        records++;
        String event = record.path("event").asString("");
        String time = record.path("time").asString("");
        switch (event) {
            case "login" -> login(record.path("outcome").asString(""), time);
            case "mfa-enrolment", "password-change" -> {
                // A first login ends with enrolling a second factor or replacing a given password.
                if (record.path("loginCompleted").asBoolean(false)) {
                    login("success", time);
                }
            }
            case "access" -> access(chain, seq, record, time);
            case "grant-request" -> grantChanges.add(List.of(record.path("kind").asString("")), "count", 1);
            default -> {
            }
        }
    }

    private void login(String outcome, String time) {
        logins.add(List.of(outcome), "count", 1);
        if (outcome.equals("success") && time.compareTo(lastLogin) > 0) {
            lastLogin = time;
        }
    }

    private void access(String chain, long seq, JsonNode record, String time) {
        if (!record.has("dataSystem") || !record.has("status")) {
            return;
        }
        String system = record.path("dataSystem").asString();
        String purpose = record.path("purpose").asString("");
        String action = record.path("action").asString("");
        boolean permitted = record.path("decision").asString("").equals("permit");
        boolean succeeded = permitted && record.path("status").asInt() < 400;
        if (!permitted) {
            denials.add(List.of(system, record.path("reason").asString("")), "count", 1);
        }
        if (record.has("exception")) {
            Map<String, Object> invoked = new LinkedHashMap<>();
            invoked.put("time", time);
            invoked.put("chain", chain);
            invoked.put("seq", seq);
            invoked.put("handler", record.path("handler").asString(""));
            invoked.put("dataSystem", system);
            invoked.put("exception", record.path("exception").asString());
            invoked.put("decision", permitted ? "permit" : "deny");
            exceptions.add(invoked);
        }
        if (!succeeded) {
            return;
        }
        // A deletion's record names its one subject but carries no count.
        long touched = record.path("records").asLong(action.equals("delete") ? 1 : 0);
        use.add(List.of(system, purpose, action), "requests", 1);
        use.add(List.of(system, purpose, action), "records", touched);
        if (action.equals("delete")) {
            deletions.add(List.of(system, purpose), "records", touched);
        }
        if (action.equals("export") || action.equals("provide")) {
            JsonNode protection = record.path("protection");
            transfers.add(List.of(system, action, purpose, protection.path("recipient").asString(
                    "(password: " + protection.path("method").asString("none") + ")")), "count", 1);
        }
        if (time.compareTo(lastAccess) > 0) {
            lastAccess = time;
        }
    }

    /** The sums; each exception with its review from {@code reviews} (by record id), or as pending. */
    Map<String, Object> summary(Map<String, ExceptionReview> reviews) {
        for (Map<String, Object> invoked : exceptions) {
            ExceptionReview review = reviews.get(invoked.get("chain") + ":" + invoked.get("seq"));
            invoked.put("review", review == null ? "pending" : review.json());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordsRead", records);
        json.put("logins", logins.list());
        json.put("lastLogin", lastLogin.isEmpty() ? null : lastLogin);
        json.put("lastAccess", lastAccess.isEmpty() ? null : lastAccess);
        json.put("use", use.list());
        json.put("denials", denials.list());
        json.put("exceptions", exceptions);
        json.put("deletions", deletions.list());
        json.put("exportsAndProvisions", transfers.list());
        json.put("grantRequestChanges", grantChanges.list());
        return json;
    }
}
