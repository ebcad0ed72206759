package org.sekimori.gateway.reviews;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The responsible person's judgement of one exception invoked: the access record it is about (by
 * chain and sequence number), whose exception it was, and whether it was justified.
 */
public record ExceptionReview(String chain, long seq, String handler, String exception, Outcome outcome,
        String reviewer, Instant reviewedAt, String comment) {

    public enum Outcome {
        JUSTIFIED, NOT_JUSTIFIED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static java.util.Optional<Outcome> of(String label) {
            for (Outcome outcome : values()) {
                if (outcome.label().equals(label)) {
                    return java.util.Optional.of(outcome);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The access record's id as auditors name it. */
    public String recordId() {
        return chain + ":" + seq;
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", outcome.label());
        json.put("by", reviewer);
        json.put("at", reviewedAt.toString());
        json.put("comment", comment);
        return json;
    }
}
