package org.sekimori.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import org.sekimori.gateway.admin.LedgerReport.Holder;
import org.sekimori.gateway.admin.LedgerReport.SystemEntry;
import org.sekimori.gateway.audit.CsvReport;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;

/**
 * The ledger as CSV (RFC 4180, UTF-8, every cell quoted and made inert as in the audit CSV): one
 * row for each grant a handler holds on a data system, the data system's columns repeated; a data
 * system no handler holds rights to has one row with the handler's columns empty. Every row carries
 * the generation time and policy version, so a sheet cut from the file still says when it is of.
 */
final class LedgerCsv {

    static final List<String> HEADER = List.of("generatedAt", "policyVersion", "dataSystem", "name", "kind", "medium",
            "storageLocation", "responsible", "retention", "deletionMethod", "purposes", "items", "records",
            "recordsSource", "handler", "displayName", "organisation", "roles", "contractor", "accessExpires",
            "grant", "actions", "grantPurposes", "grantItems", "rows", "conditions");

    private LedgerCsv() {
    }

    static String of(LedgerReport report) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (SystemEntry entry : report.dataSystems()) {
            List<String> system = system(report, entry);
            if (entry.holders().isEmpty()) {
                List<String> cells = new ArrayList<>(system);
                while (cells.size() < HEADER.size()) {
                    cells.add("");
                }
                row(csv, cells);
            }
            for (Holder holder : entry.holders()) {
                for (Grant grant : holder.grants()) {
                    List<String> cells = new ArrayList<>(system);
                    cells.addAll(holder(holder.handler()));
                    cells.addAll(grant(entry.dataSystem(), grant, holder.handler()));
                    row(csv, cells);
                }
            }
        }
        return csv.toString();
    }

    private static List<String> system(LedgerReport report, SystemEntry entry) {
        DataSystem system = entry.dataSystem();
        return List.of(report.generatedAt().toString(), report.policyVersion(), system.id(), system.name(),
                system.kind(), system.medium(), system.storageLocation(), system.responsible(),
                system.retention().toString(), system.deletionMethod(),
                String.join("; ", system.purposes().stream().map(p -> p.id() + ": " + p.description()).toList()),
                String.join("; ", system.items().stream()
                        .map(item -> item.name() + " (" + LedgerText.word(item.classification()) + ")").toList()),
                LedgerText.records(entry.records()), entry.records().source());
    }

    private static List<String> holder(Handler handler) {
        return List.of(handler.userId(), handler.displayName(), handler.organisation(),
                String.join(" ", handler.roles()), Boolean.toString(handler.contractor()),
                handler.accessExpires().map(Object::toString).orElse(""));
    }

    private static List<String> grant(DataSystem system, Grant grant, Handler handler) {
        return List.of(RuleIds.of(grant), String.join(" ", LedgerText.actions(grant)),
                String.join(" ", LedgerText.purposes(system, grant).stream().map(p -> p.id()).toList()),
                LedgerText.itemsText(system, grant), LedgerText.rowsText(grant, handler),
                LedgerText.conditionsText(grant));
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            csv.append('"').append(CsvReport.inert(cell).replace("\"", "\"\"")).append('"');
        }
        csv.append("\r\n");
    }
}
