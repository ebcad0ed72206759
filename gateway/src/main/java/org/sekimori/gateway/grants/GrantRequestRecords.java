package org.sekimori.gateway.grants;

import java.time.temporal.ChronoUnit;
import org.sekimori.keys.SealedText;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the audit record of one change to a grant request: who made it, from which state to
 * which, and the terms it concerns, so that the trail alone shows who asked for what, who approved
 * it and when it ended. What people wrote (the reason, a comment) is sealed, as a justification is.
 */
final class GrantRequestRecords {

    static final String EVENT = "grant-request";

    private final SealedText sealing;

    GrantRequestRecords(SealedText sealing) {
        this.sealing = sealing;
    }

    ObjectNode of(GrantRequestEvent event, GrantRequest request) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("event", EVENT);
        record.put("time", event.at().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("kind", event.kind());
        record.put("handler", event.actor());
        record.put("requestId", request.id());
        record.put("requester", request.requester());
        event.from().ifPresent(from -> record.put("from", from.label()));
        record.put("to", event.to().label());
        RequestedTerms terms = request.terms();
        record.put("dataSystem", terms.dataSystem());
        terms.actions().forEach(record.putArray("actions")::add);
        terms.purposes().forEach(record.putArray("purposes")::add);
        ObjectNode items = record.putObject("items");
        terms.items().forEach(items::put);
        record.put("lastDay", terms.lastDay().toString());
        if (event.kind().equals("requested")) {
            record.put("reason", sealing.seal(terms.reason()));
        }
        event.comment().ifPresent(comment -> record.put("comment", sealing.seal(comment)));
        return record;
    }
}
