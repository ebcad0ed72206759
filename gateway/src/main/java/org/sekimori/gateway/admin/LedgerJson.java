package org.sekimori.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sekimori.gateway.admin.LedgerReport.Holder;
import org.sekimori.gateway.admin.LedgerReport.SystemEntry;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;

/**
 * The ledger as JSON, member by member; every member is named here, so nothing of a handler that
 * is not listed (such as a password hash) can slip in.
 */
final class LedgerJson {

    private LedgerJson() {
    }

    static Map<String, Object> of(LedgerReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", report.generatedAt().toString());
        json.put("policyVersion", report.policyVersion());
        json.put("dataSystems", report.dataSystems().stream().map(LedgerJson::system).toList());
        return json;
    }

    private static Map<String, Object> system(SystemEntry entry) {
        DataSystem system = entry.dataSystem();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", system.id());
        json.put("name", system.name());
        json.put("kind", system.kind());
        json.put("medium", system.medium());
        json.put("storageLocation", system.storageLocation());
        json.put("responsible", system.responsible());
        json.put("retention", system.retention().toString());
        json.put("deletionMethod", system.deletionMethod());
        json.put("purposes", system.purposes().stream().map(purpose -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("id", purpose.id());
            listed.put("description", purpose.description());
            listed.put("consentRequired", purpose.consentRequired());
            return listed;
        }).toList());
        json.put("items", system.items().stream().map(item -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("name", item.name());
            listed.put("classification", LedgerText.word(item.classification()));
            listed.put("description", item.description());
            listed.put("subjectKey", item.subjectKey());
            return listed;
        }).toList());
        json.put("records", records(entry.records()));
        json.put("handlers", entry.holders().stream().map(holder -> holder(system, holder)).toList());
        return json;
    }

    private static Map<String, Object> records(RecordCount count) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (count instanceof RecordCount.Counted counted) {
            json.put("status", "counted");
            json.put("count", counted.records());
        } else {
            json.put("status", "unknown");
            json.put("reason", ((RecordCount.Unknown) count).reason());
        }
        json.put("source", count.source());
        return json;
    }

    private static Map<String, Object> holder(DataSystem system, Holder holder) {
        Handler handler = holder.handler();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", handler.userId());
        json.put("displayName", handler.displayName());
        json.put("organisation", handler.organisation());
        json.put("roles", handler.roles());
        json.put("contractor", handler.contractor());
        handler.accessExpires().ifPresent(last -> json.put("accessExpires", last.toString()));
        List<Map<String, Object>> grants = new ArrayList<>();
        for (Grant grant : holder.grants()) {
            grants.add(grant(system, grant, handler));
        }
        json.put("grants", grants);
        return json;
    }

    private static Map<String, Object> grant(DataSystem system, Grant grant, Handler handler) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", RuleIds.of(grant));
        if (grant.role().isEmpty()) {
            json.put("grantRequest", grant.id());
        } else {
            json.put("role", grant.role());
        }
        json.put("actions", LedgerText.actions(grant));
        json.put("purposes", LedgerText.purposes(system, grant).stream()
                .map(purpose -> Map.of("id", purpose.id(), "description", purpose.description())).toList());
        json.put("items", LedgerText.items(system, grant).stream().map(granted -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("name", granted.item().name());
            listed.put("classification", LedgerText.word(granted.item().classification()));
            listed.put("treatment", granted.treatment().label());
            return listed;
        }).toList());
        grant.rows().ifPresent(rows -> {
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("item", rows.item());
            scope.put("attribute", rows.attribute());
            scope.put("values", LedgerText.scopeValues(rows, handler));
            json.put("rows", scope);
        });
        Map<String, Object> conditions = LedgerText.conditions(grant.conditions());
        if (!conditions.isEmpty()) {
            json.put("conditions", conditions);
        }
        return json;
    }
}
