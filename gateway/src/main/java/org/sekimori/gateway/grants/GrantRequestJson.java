package org.sekimori.gateway.grants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Grant requests and their history as the API answers them. */
final class GrantRequestJson {

    private GrantRequestJson() {
    }

    static Map<String, Object> of(GrantRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        RequestedTerms terms = request.terms();
        json.put("id", request.id());
        json.put("requester", request.requester());
        json.put("state", request.state().label());
        json.put("dataSystem", terms.dataSystem());
        json.put("actions", terms.actions());
        json.put("purposes", terms.purposes());
        json.put("items", terms.items());
        json.put("lastDay", terms.lastDay().toString());
        json.put("endsAt", request.endsAt().toString());
        json.put("reason", terms.reason());
        json.put("requestedAt", request.requestedAt().toString());
        decided(request.decided()).ifPresent(decision -> json.put("decision", decision));
        decided(request.ended()).ifPresent(end -> json.put("end", end));
        return json;
    }

    static Map<String, Object> withHistory(GrantRequest request, List<GrantRequestEvent> history) {
        Map<String, Object> json = of(request);
        json.put("history", history.stream().map(GrantRequestJson::event).toList());
        return json;
    }

    static Map<String, Object> list(List<GrantRequest> requests) {
        return Map.of("grantRequests", requests.stream().map(GrantRequestJson::of).toList());
    }

    private static Map<String, Object> event(GrantRequestEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", event.at().toString());
        json.put("kind", event.kind());
        json.put("by", event.actor());
        event.from().ifPresent(from -> json.put("from", from.label()));
        json.put("to", event.to().label());
        event.comment().ifPresent(comment -> json.put("comment", comment));
        return json;
    }

    private static Optional<Map<String, Object>> decided(Optional<GrantRequest.Decided> decided) {
        return decided.map(d -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("by", d.by());
            json.put("at", d.at().toString());
            if (d.comment() != null) {
                json.put("comment", d.comment());
            }
            return json;
        });
    }
}
